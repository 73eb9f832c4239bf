import type { Actor, Role, UserEntity } from '../../../shared/domain/accounts';
import { roles as allRoles } from '../../../shared/domain/accounts';
import type { ReadableDB, WritableDB } from '../db/database';
import { listOf } from '../db/dialect';
import { prepared, preparedWrite, insertedId } from './preparedStatements';

interface DbUser {
  id: number;
  username: string;
  display_name: string;
  unit_id: number | null;
  unit_name: string | null;
  disabled: number;
  created_at: string;
  must_change_password: number;
  roles: string | null;
}

const selectUsersFor = (db: ReadableDB): string => `
  SELECT u.id, u.username, u.display_name, u.unit_id, n.name AS unit_name, u.disabled, u.created_at, u.must_change_password,
         (SELECT ${listOf(db, 'role', "','")} FROM user_roles r WHERE r.user_id = u.id) AS roles
    FROM users u LEFT JOIN units n ON n.id = u.unit_id`;

function parseRoles(text: string | null): Role[] {
  const set = new Set((text ?? '').split(','));
  return allRoles.filter((r) => set.has(r));
}

function toUser(row: DbUser): UserEntity {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    roles: parseRoles(row.roles),
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    mustChangePassword: row.must_change_password === 1,
  };
}

export function toActor(user: UserEntity): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    unitId: user.unitId,
    unitName: user.unitName,
    roles: user.roles,
    mustChangePassword: user.mustChangePassword === true,
  };
}

export function countUsers(db: ReadableDB): number {
  return (prepared(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function listUsers(db: ReadableDB): UserEntity[] {
  return (prepared(db, `${selectUsersFor(db)} ORDER BY u.id`).all() as DbUser[]).map(toUser);
}

export function getUser(db: ReadableDB, id: number): UserEntity | null {
  const row = prepared(db, `${selectUsersFor(db)} WHERE u.id = ?`).get(id) as DbUser | undefined;
  return row ? toUser(row) : null;
}

export function findUserByUsername(db: ReadableDB, username: string): (UserEntity & { passwordHash: string }) | null {
  const row = prepared(
    db,
    `${selectUsersFor(db).replace('u.created_at,', 'u.created_at, u.password_hash,')} WHERE u.username = ?`,
  ).get(username) as (DbUser & { password_hash: string }) | undefined;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export interface NewUserRow {
  username: string;
  displayName: string;
  unitId: number | null;
  passwordHash: string;
  roles: readonly Role[];
  mustChangePassword?: boolean;
}

export function insertUser(db: WritableDB, user: NewUserRow, now: string): number {
  const id = insertedId(
    preparedWrite(
      db,
      `INSERT INTO users (username, display_name, unit_id, password_hash, must_change_password, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(
      user.username,
      user.displayName,
      user.unitId,
      user.passwordHash,
      user.mustChangePassword === true ? 1 : 0,
      now,
      now,
    ),
  );
  setUserRoles(db, id, user.roles);
  return id;
}

export function setUserRoles(db: WritableDB, userId: number, roles: readonly Role[]): void {
  preparedWrite(db, 'DELETE FROM user_roles WHERE user_id = ?').run(userId);
  const insert = preparedWrite(db, 'INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  for (const role of new Set(roles)) insert.run(userId, role);
}

export function updateUserRow(
  db: WritableDB,
  userId: number,
  fields: { displayName?: string; unitId?: number | null },
  now: string,
): void {
  if (fields.displayName !== undefined) {
    preparedWrite(db, 'UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?').run(
      fields.displayName,
      now,
      userId,
    );
  }
  if (fields.unitId !== undefined) {
    preparedWrite(db, 'UPDATE users SET unit_id = ?, updated_at = ? WHERE id = ?').run(fields.unitId, now, userId);
  }
}

export function setUserDisabled(db: WritableDB, userId: number, disabled: boolean, now: string): void {
  preparedWrite(db, 'UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?').run(disabled ? 1 : 0, now, userId);
}

/** `mustChange`: an administrator set this password (the user is asked for a new one at sign-in). */
export function setPasswordHash(db: WritableDB, userId: number, hash: string, now: string, mustChange = false): void {
  preparedWrite(db, 'UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?').run(
    hash,
    mustChange ? 1 : 0,
    now,
    userId,
  );
}

/** Active users holding every one of `roles`. */
export function usersWithRoles(db: ReadableDB, roles: readonly Role[]): UserEntity[] {
  return listUsers(db).filter((u) => !u.disabled && roles.every((r) => u.roles.includes(r)));
}
