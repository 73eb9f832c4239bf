import type { ReadableDB } from '../db/database';

export interface RoundIndicatorValue {
  indicatorId: number;
  taskId: number;
  taskNo: number;
  reportId: number;
  value: number | null;
}

/**
 * For each indicator of each task, the value reported in the newest revision of the task's report
 * in the round (null when the report has no value for it).
 */
export function roundIndicatorValues(db: ReadableDB, roundId: number): RoundIndicatorValue[] {
  return db
    .prepare(
      `WITH latest AS (
         SELECT r.task_id, max(r.revision) AS revision FROM reports r
          WHERE r.round_id = ? AND r.kind = 'task' GROUP BY r.task_id
       )
       SELECT i.id AS indicatorId, t.id AS taskId, t.no AS taskNo, r.id AS reportId, v.value AS value
         FROM latest l
         JOIN reports r ON r.round_id = ? AND r.kind = 'task' AND r.task_id = l.task_id AND r.revision = l.revision
         JOIN tasks t ON t.id = r.task_id
         JOIN indicators i ON i.task_id = t.id AND i.retired_at IS NULL
         LEFT JOIN report_indicator_values v ON v.report_id = r.id AND v.indicator_id = i.id
        ORDER BY t.no, i.position`,
    )
    .all(roundId, roundId) as RoundIndicatorValue[];
}
