import type { Migration } from './index';

/**
 * A unit a plan lists both as 牵头 and as 责任 (郑经管政〔2023〕32号 task 23: 区社会事业局) is one
 * party of the workflow (it reviews; it does not also sign), so `task_units` keeps one row for it.
 * What the plan says is kept beside it: `listed_responsible_position` is the unit's place in the
 * plan's 责任单位 list, NULL when the plan lists it only as lead. `task_units_as_listed` gives the
 * units as the plan lists them, for the plan view, ledgers and documents; the workflow and the read
 * rule keep reading `task_units`.
 */
export const migration0013ListedResponsible: Migration = {
  version: 13,
  name: '0013-listed-responsible',
  up(db) {
    db.exec(`
      ALTER TABLE task_units ADD COLUMN listed_responsible_position INTEGER;
      CREATE VIEW task_units_as_listed AS
        SELECT task_id, unit_id, role, position, plan_role FROM task_units
        UNION ALL
        SELECT task_id, unit_id, 'responsible', listed_responsible_position, 'responsible' FROM task_units
         WHERE role = 'lead' AND listed_responsible_position IS NOT NULL;
    `);
  },
  postgres: `
    ALTER TABLE task_units ADD COLUMN listed_responsible_position bigint;
    CREATE VIEW task_units_as_listed AS
      SELECT task_id, unit_id, role, position, plan_role FROM task_units
      UNION ALL
      SELECT task_id, unit_id, 'responsible', listed_responsible_position, 'responsible' FROM task_units
       WHERE role = 'lead' AND listed_responsible_position IS NOT NULL;
  `,
};
