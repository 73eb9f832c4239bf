import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getReportRow, insertReport, updateReportState } from '../../../src/main/core/store/reportsStore';
import { createWorld, unitNames, type People, type TestWorld } from './helpers';
import { refusalOf } from '../../helpers/refusal';

/**
 * The reports table's `state`, `archive_no` and `drafting_unit_id` copy the lifecycle snapshot
 * (store/snapshotColumns.ts): a write whose columns disagree with its snapshot is refused and
 * writes nothing; the normal path writes columns that agree.
 */

let world: TestWorld;
let people: People<'coordinator' | 'clerkSocial'>;

beforeEach(async () => {
  world = await createWorld();
  people = world.people(['coordinator', 'clerkSocial']);
});

afterEach(() => world.cleanup());

function firstTaskReport(): number {
  const round = world.core.workflow.rounds.open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  const row = world.core.workflow.rounds.overview(round.id).rows.find((r) => r.kind === 'task' && r.no === 1);
  if (!row) throw new Error('task 1 missing');
  return row.reportId;
}

function rowOf(id: number) {
  const row = getReportRow(world.core.db, id);
  if (!row) throw new Error(`report ${id} missing`);
  return row;
}

const stateFields = (row: ReturnType<typeof rowOf>) => ({
  state: row.state,
  snapshotJson: row.snapshot_json,
  archiveNo: row.archive_no,
  draftingUnitId: row.drafting_unit_id,
  firstSubmittedAt: row.first_submitted_at,
  submittedAt: row.submitted_at,
  filedAt: row.filed_at,
});

describe('columns copied from the snapshot', () => {
  it('refuses a state write whose state, archive number or drafting unit disagrees with the snapshot', () => {
    const id = firstTaskReport();
    const before = rowOf(id);
    const forgeries = [
      { field: 'state', fields: { ...stateFields(before), state: 'filed' as const } },
      { field: 'archive_no', fields: { ...stateFields(before), archiveNo: '伪造〔2025〕1号' } },
      { field: 'drafting_unit_id', fields: { ...stateFields(before), draftingUnitId: world.unitId(unitNames.health) } },
    ];
    for (const { field, fields } of forgeries) {
      const error = refusalOf(() =>
        updateReportState(world.core.db, id, before.version, fields, '2025-10-02T00:00:00Z'),
      );
      expect(error.code).toBe('internal');
      expect(error.field).toBe(field);
      expect(error.message).toContain(`报告 ${id} 的 ${field} 列`);
    }
    expect(rowOf(id)).toEqual(before);
  });

  it('refuses to insert a report whose columns disagree with its snapshot', () => {
    const id = firstTaskReport();
    const { id: _id, ...copy } = rowOf(id);
    const count = () => world.core.db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number };
    const before = count().n;
    const error = refusalOf(() =>
      insertReport(world.core.db, { ...copy, revision: 2, drafting_unit_id: world.unitId(unitNames.health) }),
    );
    expect(error.code).toBe('internal');
    expect(error.field).toBe('drafting_unit_id');
    expect(error.message).toContain(copy.subject_key);
    expect(count().n).toBe(before);
  });

  it('refuses a transition over a row whose drafting unit column was changed behind the snapshot', () => {
    const id = firstTaskReport();
    const version = world.completeDraft(people.clerkSocial, id);
    world.core.db
      .prepare('UPDATE reports SET drafting_unit_id = ? WHERE id = ?')
      .run(world.unitId(unitNames.health), id);
    const forged = rowOf(id);
    const error = refusalOf(() =>
      world.core.workflow.reports.transition(people.clerkSocial, { reportId: id, version, event: 'report.submit' }),
    );
    expect(error.code).toBe('internal');
    expect(error.field).toBe('drafting_unit_id');
    expect(rowOf(id)).toEqual(forged);
  });

  it('lets normal transitions through with columns that agree', () => {
    const id = firstTaskReport();
    const version = world.completeDraft(people.clerkSocial, id);
    const next = world.core.workflow.reports.transition(people.clerkSocial, {
      reportId: id,
      version,
      event: 'report.submit',
    });
    const row = rowOf(id);
    expect(row.version).toBe(next);
    expect(row.state).toBe('leadReview');
    expect(row.drafting_unit_id).toBe(world.unitId(unitNames.social));
    expect(row.archive_no).toBeNull();
  });
});
