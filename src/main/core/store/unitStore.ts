import { LuoshiError } from '../../../shared/errors';
import { prepared, preparedWrite, insertedId } from './preparedStatements';
import type { UnitSpec, Unit } from '../../../shared/domain/units';
import type { ReadableDB, WritableDB } from '../db/database';

interface DbUnit {
  id: number;
  name: string;
  kind: 'unit' | 'group';
  parent_name: string | null;
  needs_review: number;
}

export function listUnits(db: ReadableDB): Unit[] {
  const units = prepared(
    db,
    `SELECT u.id, u.name, u.kind, p.name AS parent_name, u.needs_review
         FROM units u LEFT JOIN units p ON p.id = u.parent_id
        ORDER BY u.id`,
  ).all() as DbUnit[];
  const aliases = prepared(db, 'SELECT alias, unit_id FROM unit_aliases ORDER BY alias').all() as {
    alias: string;
    unit_id: number;
  }[];
  const members = prepared(
    db,
    `SELECT m.group_id, u.name FROM unit_group_members m JOIN units u ON u.id = m.member_id
        ORDER BY m.group_id, u.id`,
  ).all() as { group_id: number; name: string }[];
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    parent: u.parent_name,
    needsReview: u.needs_review === 1,
    aliases: aliases.filter((a) => a.unit_id === u.id).map((a) => a.alias),
    members: members.filter((m) => m.group_id === u.id).map((m) => m.name),
  }));
}

export function unitIdByName(db: ReadableDB): Map<string, number> {
  const rows = prepared(db, 'SELECT id, name FROM units').all() as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * Make the stored directory contain every entry of `specs` (by canonical name). Existing entries
 * gain new aliases and members; nothing is deleted or renamed, so a directory an administrator
 * corrected is never overwritten by an import. Call inside a transaction.
 */
export function upsertUnitDirectory(db: WritableDB, specs: readonly UnitSpec[], now: string): void {
  const insertUnit = preparedWrite(
    db,
    `INSERT INTO units (name, kind, needs_review, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO NOTHING`,
  );
  for (const spec of specs) insertUnit.run(spec.name, spec.kind, spec.needsReview ? 1 : 0, now);

  const ids = unitIdByName(db);
  const setParent = preparedWrite(db, 'UPDATE units SET parent_id = ? WHERE id = ? AND parent_id IS NULL');
  const insertAlias = preparedWrite(
    db,
    'INSERT INTO unit_aliases (alias, unit_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const insertMember = preparedWrite(
    db,
    'INSERT INTO unit_group_members (group_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  for (const spec of specs) {
    const id = ids.get(spec.name);
    if (id === undefined) continue;
    const parentId = spec.parent === null ? undefined : ids.get(spec.parent);
    if (parentId !== undefined) setParent.run(parentId, id);
    for (const alias of spec.aliases) if (!ids.has(alias)) insertAlias.run(alias, id);
    for (const member of spec.members) {
      const memberId = ids.get(member);
      if (memberId !== undefined) insertMember.run(id, memberId);
    }
  }
}

/**
 * Apply an administrator's correction to one entry. Aliases and members are replaced as given;
 * a name that is another unit's canonical name or alias is refused rather than silently merged.
 * Call inside a transaction.
 */
export function updateUnitEntry(
  db: WritableDB,
  change: { unitId: number; aliases?: string[]; parentId?: number | null; memberIds?: number[]; needsReview?: boolean },
): void {
  const unit = prepared(db, 'SELECT id, name, kind FROM units WHERE id = ?').get(change.unitId) as
    { id: number; name: string; kind: 'unit' | 'group' } | undefined;
  if (!unit) throw new LuoshiError('not_found', `单位目录中没有编号为 ${change.unitId} 的单位。`);
  if (change.aliases) {
    const aliases = [...new Set(change.aliases.map((a) => a.trim()).filter((a) => a && a !== unit.name))];
    for (const alias of aliases) {
      const owner = prepared(
        db,
        'SELECT u.name FROM units u WHERE u.name = ? UNION SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ? AND a.unit_id <> ?',
      ).get(alias, alias, unit.id) as { name: string } | undefined;
      if (owner)
        throw new LuoshiError(
          'conflict',
          `「${alias}」已是单位「${owner.name}」的名称或别名，不能同时作为「${unit.name}」的别名。`,
          'aliases',
        );
    }
    preparedWrite(db, 'DELETE FROM unit_aliases WHERE unit_id = ?').run(unit.id);
    const insert = preparedWrite(db, 'INSERT INTO unit_aliases (alias, unit_id) VALUES (?, ?)');
    for (const alias of aliases) insert.run(alias, unit.id);
  }
  if (change.parentId !== undefined) {
    if (change.parentId === unit.id) throw new LuoshiError('invalid_input', '单位不能是自己的上级单位。', 'parentId');
    if (change.parentId !== null && !prepared(db, 'SELECT 1 FROM units WHERE id = ?').get(change.parentId)) {
      throw new LuoshiError('not_found', `没有编号为 ${change.parentId} 的上级单位。`, 'parentId');
    }
    preparedWrite(db, 'UPDATE units SET parent_id = ? WHERE id = ?').run(change.parentId, unit.id);
  }
  if (change.memberIds) {
    if (unit.kind !== 'group')
      throw new LuoshiError('invalid_input', `「${unit.name}」不是单位集合，不能设置成员。`, 'memberIds');
    preparedWrite(db, 'DELETE FROM unit_group_members WHERE group_id = ?').run(unit.id);
    const insert = preparedWrite(db, 'INSERT INTO unit_group_members (group_id, member_id) VALUES (?, ?)');
    for (const memberId of new Set(change.memberIds)) {
      const member = prepared(db, 'SELECT kind FROM units WHERE id = ?').get(memberId) as { kind: string } | undefined;
      if (!member) throw new LuoshiError('not_found', `没有编号为 ${memberId} 的单位。`, 'memberIds');
      if (member.kind !== 'unit')
        throw new LuoshiError('invalid_input', '集合的成员必须是单位，不能是另一个集合。', 'memberIds');
      insert.run(unit.id, memberId);
    }
  }
  if (change.needsReview !== undefined) {
    preparedWrite(db, 'UPDATE units SET needs_review = ? WHERE id = ?').run(change.needsReview ? 1 : 0, unit.id);
  }
}

/** Add one entry by hand; refused when the name is already a unit's name or alias. Call inside a transaction. */
export function insertUnitEntry(
  db: WritableDB,
  entry: { name: string; kind: 'unit' | 'group'; parentId: number | null; groupIds: readonly number[] },
  now: string,
): number {
  const owner = prepared(
    db,
    'SELECT name FROM units WHERE name = ? UNION SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?',
  ).get(entry.name, entry.name) as { name: string } | undefined;
  if (owner)
    throw new LuoshiError(
      'conflict',
      `单位目录中已有「${owner.name}」${owner.name === entry.name ? '' : `（「${entry.name}」是它的别名）`}。`,
      'name',
    );
  const id = insertedId(
    preparedWrite(db, 'INSERT INTO units (name, kind, needs_review, created_at) VALUES (?, ?, 0, ?) RETURNING id').get(
      entry.name,
      entry.kind,
      now,
    ),
  );
  if (entry.parentId !== null) updateUnitEntry(db, { unitId: id, parentId: entry.parentId });
  for (const groupId of entry.groupIds) {
    const group = prepared(db, 'SELECT kind, name FROM units WHERE id = ?').get(groupId) as
      { kind: string; name: string } | undefined;
    if (!group || group.kind !== 'group')
      throw new LuoshiError('invalid_input', `编号为 ${groupId} 的不是单位集合。`, 'groupIds');
    if (entry.kind !== 'unit') throw new LuoshiError('invalid_input', '集合不能加入另一个集合。', 'groupIds');
    preparedWrite(db, 'INSERT INTO unit_group_members (group_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
      groupId,
      id,
    );
  }
  return id;
}
