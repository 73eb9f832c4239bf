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
  const units = db
    .prepare(
      `SELECT u.id, u.name, u.kind, p.name AS parent_name, u.needs_review
         FROM units u LEFT JOIN units p ON p.id = u.parent_id
        ORDER BY u.id`,
    )
    .all() as DbUnit[];
  const aliases = db.prepare('SELECT alias, unit_id FROM unit_aliases ORDER BY alias').all() as {
    alias: string;
    unit_id: number;
  }[];
  const members = db
    .prepare(
      `SELECT m.group_id, u.name FROM unit_group_members m JOIN units u ON u.id = m.member_id
        ORDER BY m.group_id, u.id`,
    )
    .all() as { group_id: number; name: string }[];
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
  const rows = db.prepare('SELECT id, name FROM units').all() as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * Make the stored directory contain every entry of `specs` (by canonical name). Existing entries
 * gain new aliases and members; nothing is deleted or renamed, so a directory an administrator
 * corrected is never overwritten by an import. Call inside a transaction.
 */
export function upsertUnitDirectory(db: WritableDB, specs: readonly UnitSpec[], now: string): void {
  const insertUnit = db.prepare(
    `INSERT INTO units (name, kind, needs_review, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO NOTHING`,
  );
  for (const spec of specs) insertUnit.run(spec.name, spec.kind, spec.needsReview ? 1 : 0, now);

  const ids = unitIdByName(db);
  const setParent = db.prepare('UPDATE units SET parent_id = ? WHERE id = ? AND parent_id IS NULL');
  const insertAlias = db.prepare('INSERT INTO unit_aliases (alias, unit_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const insertMember = db.prepare(
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
