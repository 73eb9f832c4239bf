import { createHash, randomBytes } from 'node:crypto';
import {
  createUserInputSchema,
  type Actor,
  type AuthStatus,
  type CreateUserInput,
  type UpdateUserInput,
  type UserEntity,
} from '../../../shared/domain/accounts';
import { parseUnknown } from '../../../shared/contract/parse';
import { passwordWeakness } from '../../../shared/domain/passwordPolicy';
import { LuoshiError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { SessionResolver } from '../core';
import { inTransaction, type WritableDB } from '../db/database';
import * as sessions from '../store/sessionsStore';
import * as users from '../store/usersStore';
import { unitExists } from '../store/roundsStore';
import type { AuditService } from './auditService';
import { hashPassword, verifyPassword, type HashCost } from './passwords';
import { authorize, isLocalOperator, type Caller } from '../policy';

const sessionLifetimeMs = 12 * 3_600_000;

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface CreateUserOptions {
  /** 'demo' hashes with a low scrypt cost; only the demo generator passes it. */
  hashCost?: HashCost;
}

let dummyHash: string | null = null;
/** A hash of a random password at the standard cost, checked against when the name is unknown. */
function unknownUserHash(): string {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64'));
  return dummyHash;
}

/** The shared strength rule, again at the service: the command line calls it without the contract. */
function assertStrongPassword(password: string, field = 'password'): void {
  const weakness = passwordWeakness(password);
  if (weakness !== null) throw new LuoshiError('invalid_input', weakness, field);
}

/**
 * Accounts, passwords and sessions. The core resolves every call's session through
 * `resolveActor`, so a disabled user or a reset password ends their sessions at once.
 */
export class AccountsService implements SessionResolver {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  status(sessionId: string | null): AuthStatus {
    return { needsSetup: users.countUsers(this.db) === 0, actor: this.resolveActor(sessionId) };
  }

  resolveActor(sessionId: string | null): Actor | null {
    if (!sessionId) return null;
    const hash = tokenHash(sessionId);
    const now = this.clock.now();
    const session = sessions.getSession(this.db, hash, now.toISOString());
    if (session === null) return null;
    const userId = session.userId;
    // Sliding expiry, written at most once per half lifetime so reads stay reads.
    if (Date.parse(session.expiresAt) - now.getTime() < sessionLifetimeMs / 2) {
      sessions.extendSession(this.db, hash, new Date(now.getTime() + sessionLifetimeMs).toISOString());
    }
    const user = users.getUser(this.db, userId);
    if (!user || user.disabled) return null;
    return users.toActor(user);
  }

  /** First run: create the administrator and sign them in. Refused once any account exists. */
  setup(input: { username: string; displayName: string; password: string }): { sessionId: string; actor: Actor } {
    assertStrongPassword(input.password);
    const actor = inTransaction(this.db, () => {
      if (users.countUsers(this.db) > 0) {
        throw new LuoshiError('forbidden', '系统已完成初始化，不能再次创建管理员。请用已有的管理员账号登录。');
      }
      const id = users.insertUser(
        this.db,
        { ...input, unitId: null, passwordHash: hashPassword(input.password), roles: ['admin'] },
        this.clock.nowIso(),
      );
      const created = users.toActor(this.mustGet(id));
      this.audit.append({ actor: created, role: 'admin', subjectType: 'user', subjectId: id, event: 'auth.setup' });
      return created;
    });
    return { sessionId: this.openSession(actor.userId), actor };
  }

  login(username: string, password: string): { sessionId: string; actor: Actor } {
    const user = users.findUserByUsername(this.db, username.trim());
    // The same message, and the same scrypt work, for an unknown name and a wrong password: names
    // can be guessed neither from the answer nor from how long it takes.
    if (!user) {
      verifyPassword(password, unknownUserHash());
      throw new LuoshiError('unauthenticated', '用户名或密码不正确。');
    }
    if (!verifyPassword(password, user.passwordHash)) {
      throw new LuoshiError('unauthenticated', '用户名或密码不正确。');
    }
    if (user.disabled) throw new LuoshiError('forbidden', `账号「${user.username}」已停用，请联系管理员。`);
    return { sessionId: this.openSession(user.id), actor: users.toActor(user) };
  }

  logout(sessionId: string | null): void {
    if (sessionId) sessions.deleteSession(this.db, tokenHash(sessionId));
  }

  list(actor: Caller): UserEntity[] {
    authorize(actor, 'users.list');
    return users.listUsers(this.db);
  }

  /** `actor` null: the local command line or the demo generator. */
  create(actor: Caller, input: CreateUserInput, options: CreateUserOptions = {}): UserEntity {
    authorize(actor, 'users.create');
    const parsed = parseUnknown(createUserInputSchema, input as unknown, '账号');
    return inTransaction(this.db, () => {
      if (users.findUserByUsername(this.db, parsed.username)) {
        throw new LuoshiError('conflict', `用户名「${parsed.username}」已被使用，请换一个。`, 'username');
      }
      this.checkUnit(parsed.unitId, parsed.roles);
      const id = users.insertUser(
        this.db,
        { ...parsed, passwordHash: hashPassword(parsed.password, options.hashCost ?? 'standard') },
        this.clock.nowIso(),
      );
      const user = this.mustGet(id);
      this.audit.append({
        actor,
        role: isLocalOperator(actor) ? null : 'admin',
        subjectType: 'user',
        subjectId: id,
        event: 'user.create',
        details: { username: user.username, unitId: user.unitId, roles: user.roles },
      });
      return user;
    });
  }

  update(actor: Actor, input: UpdateUserInput): UserEntity {
    authorize(actor, 'users.update');
    return inTransaction(this.db, () => {
      const before = this.mustGet(input.userId);
      const roles = input.roles ?? before.roles;
      const unitId = input.unitId === undefined ? before.unitId : input.unitId;
      this.checkUnit(unitId, roles);
      if (before.roles.includes('admin') && !roles.includes('admin')) this.keepOneAdmin(before.id);
      const now = this.clock.nowIso();
      users.updateUserRow(this.db, before.id, { displayName: input.displayName, unitId: input.unitId }, now);
      if (input.roles) users.setUserRoles(this.db, before.id, input.roles);
      const after = this.mustGet(before.id);
      this.audit.append({
        actor,
        role: 'admin',
        subjectType: 'user',
        subjectId: before.id,
        event: 'user.update',
        details: { displayName: after.displayName, unitId: after.unitId, roles: after.roles },
      });
      return after;
    });
  }

  setDisabled(actor: Actor, userId: number, disabled: boolean): UserEntity {
    authorize(actor, disabled ? 'users.disable' : 'users.enable');
    return inTransaction(this.db, () => {
      const user = this.mustGet(userId);
      if (disabled && userId === actor.userId) throw new LuoshiError('forbidden', '不能停用自己正在使用的账号。');
      if (disabled && user.roles.includes('admin')) this.keepOneAdmin(userId);
      const now = this.clock.nowIso();
      users.setUserDisabled(this.db, userId, disabled, now);
      if (disabled) sessions.deleteSessionsOfUser(this.db, userId);
      this.audit.append({
        actor,
        role: 'admin',
        subjectType: 'user',
        subjectId: userId,
        event: disabled ? 'user.disable' : 'user.enable',
      });
      return this.mustGet(userId);
    });
  }

  /** `actor` null: the local command line (`luoshi users reset-password`), trusted like the file system. */
  resetPassword(actor: Caller, userId: number, password: string, mustChangePassword = true): void {
    authorize(actor, 'users.resetPassword');
    assertStrongPassword(password);
    const hash = hashPassword(password);
    inTransaction(this.db, () => {
      this.mustGet(userId);
      users.setPasswordHash(this.db, userId, hash, this.clock.nowIso(), mustChangePassword);
      sessions.deleteSessionsOfUser(this.db, userId);
      this.audit.append({
        actor,
        role: isLocalOperator(actor) ? null : 'admin',
        subjectType: 'user',
        subjectId: userId,
        event: 'user.resetPassword',
      });
    });
  }

  /**
   * Change one's own password. Every other session of the user ends: whoever else holds one (a
   * forgotten browser, someone who learnt the old password) must sign in with the new password.
   */
  changePassword(actor: Actor, currentPassword: string, newPassword: string, currentSessionId: string | null): void {
    const user = users.findUserByUsername(this.db, actor.username);
    if (!user || !verifyPassword(currentPassword, user.passwordHash)) {
      throw new LuoshiError('forbidden', '当前密码不正确。', 'currentPassword');
    }
    assertStrongPassword(newPassword, 'newPassword');
    if (newPassword === currentPassword)
      throw new LuoshiError('invalid_input', '新密码不能与当前密码相同。', 'newPassword');
    const hash = hashPassword(newPassword);
    inTransaction(this.db, () => {
      users.setPasswordHash(this.db, user.id, hash, this.clock.nowIso());
      sessions.deleteOtherSessionsOfUser(this.db, user.id, currentSessionId ? tokenHash(currentSessionId) : null);
      this.audit.append({ actor, role: null, subjectType: 'user', subjectId: user.id, event: 'user.changePassword' });
    });
  }

  private openSession(userId: number): string {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    sessions.deleteExpiredSessions(this.db, now.toISOString());
    sessions.insertSession(
      this.db,
      tokenHash(token),
      userId,
      now.toISOString(),
      new Date(now.getTime() + sessionLifetimeMs).toISOString(),
    );
    return token;
  }

  findByUsername(username: string): UserEntity | null {
    const user = users.findUserByUsername(this.db, username.trim());
    if (!user) return null;
    const { passwordHash: _hash, ...entity } = user;
    return entity;
  }

  private mustGet(userId: number): UserEntity {
    const user = users.getUser(this.db, userId);
    if (!user) throw new LuoshiError('not_found', `未找到编号为 ${userId} 的账号。`, 'userId');
    return user;
  }

  /** Clerks and leaders act for a unit, so they must belong to one. */
  private checkUnit(unitId: number | null, roles: readonly string[]): void {
    if (unitId !== null) {
      if (!unitExists(this.db, unitId)) throw new LuoshiError('invalid_input', `单位编号 ${unitId} 不存在。`, 'unitId');
    }
    if (unitId === null && (roles.includes('clerk') || roles.includes('leader'))) {
      throw new LuoshiError('invalid_input', '经办人和负责人必须属于一个单位，请选择所在单位。', 'unitId');
    }
  }

  private keepOneAdmin(userId: number): void {
    const others = users.listUsers(this.db).filter((u) => u.id !== userId && !u.disabled && u.roles.includes('admin'));
    if (others.length === 0)
      throw new LuoshiError('forbidden', '这是最后一个可用的管理员账号，不能停用或取消其管理员角色。');
  }
}
