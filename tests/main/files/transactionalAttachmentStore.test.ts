import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import type { WritableDB } from '../../../src/main/core/db/database';
import type { AttachmentStore } from '../../../src/main/core/files/attachmentStore';
import { sha256Of } from '../../../src/main/core/files/wholeFile';
import { createWorkflowServices, type WorkflowServices } from '../../../src/main/core/services/workflowServices';
import { refusalOf } from '../../helpers/refusal';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

/**
 * A transactional attachment store (as PostgreSQL's attachment_files is) gets the bytes inside the
 * transaction that records the attachment, and loses them with it. Here the store is a table of
 * the same SQLite database, so a rollback is visible; `onPut` lets a test change the report
 * between the two permission checks, as another user could.
 */
function tableStore(db: WritableDB, onPut: () => void = () => undefined): AttachmentStore & { puts: boolean[] } {
  db.exec('CREATE TABLE IF NOT EXISTS test_attachment_files (stored_name TEXT PRIMARY KEY, content BLOB NOT NULL)');
  const puts: boolean[] = [];
  return {
    location: 'test_attachment_files',
    transactional: true,
    puts,
    put(name, bytes) {
      puts.push(db.inTransaction);
      db.prepare('INSERT INTO test_attachment_files VALUES (?, ?) ON CONFLICT (stored_name) DO NOTHING').run(
        name,
        Buffer.from(bytes),
      );
      onPut();
    },
    read(name) {
      const row = db.prepare('SELECT content FROM test_attachment_files WHERE stored_name = ?').get(name) as
        { content: Buffer } | undefined;
      return row?.content ?? null;
    },
    has: (name) => db.prepare('SELECT 1 FROM test_attachment_files WHERE stored_name = ?').get(name) !== undefined,
    remove(name) {
      puts.push(db.inTransaction);
      db.prepare('DELETE FROM test_attachment_files WHERE stored_name = ?').run(name);
    },
    names: () =>
      (db.prepare('SELECT stored_name FROM test_attachment_files ORDER BY 1').pluck().all() as string[]).slice(),
  };
}

let world: TestWorld;
let coordinator: Actor;
let clerk: Actor;
const bytes = Buffer.from('托育机构名单（事务内保存）');
const hash = sha256Of(bytes);

beforeEach(async () => {
  world = await createWorld();
  coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  clerk = world.user('social.clerk', ['clerk'], unitNames.social);
});
afterEach(() => world.cleanup());

function openRound(services: WorkflowServices): { roundId: number; reportId: number } {
  const roundId = services.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  const reportId = services.rounds.overview(roundId).rows.find((r) => r.no === 1 && r.kind === 'task')?.reportId ?? 0;
  return { roundId, reportId };
}

describe('a transactional attachment store', () => {
  it('is written inside the transaction that records the attachment, and read back through the service', () => {
    const store = tableStore(world.core.db);
    const services = createWorkflowServices(world.core.db, world.core.clock, store);
    const { reportId } = openRound(services);
    const version = services.reportQueries.get(clerk, reportId).version;
    const id = services.reports.addAttachment(clerk, reportId, version, '名单.txt', bytes.toString('base64'));
    expect(store.puts).toEqual([true]);
    expect(store.names()).toEqual([hash]);
    expect(services.reports.readAttachment(id).bytes).toEqual(bytes);
  });

  it('loses the bytes when the upload is refused inside the transaction', () => {
    let reportId = 0;
    // Between the check before the upload and the one in its transaction, the report moves on.
    const store = tableStore(world.core.db, () => {
      world.core.db.prepare('UPDATE reports SET version = version + 1 WHERE id = ?').run(reportId);
    });
    const services = createWorkflowServices(world.core.db, world.core.clock, store);
    reportId = openRound(services).reportId;
    const version = services.reportQueries.get(clerk, reportId).version;
    const refused = refusalOf(() =>
      services.reports.addAttachment(clerk, reportId, version, '名单.txt', bytes.toString('base64')),
    );
    expect(refused.code).toBe('stale');
    expect(store.puts).toEqual([true]);
    expect(store.names()).toEqual([]);
    expect(services.reportQueries.get(clerk, reportId).attachments).toEqual([]);
  });

  it('has the bytes of a deleted round removed inside the deleting transaction', () => {
    const store = tableStore(world.core.db);
    const services = createWorkflowServices(world.core.db, world.core.clock, store);
    const { roundId, reportId } = openRound(services);
    const version = services.reportQueries.get(clerk, reportId).version;
    services.reports.addAttachment(clerk, reportId, version, '名单.txt', bytes.toString('base64'));
    expect(services.rounds.delete(coordinator, roundId).attachments).toBe(1);
    expect(store.puts).toEqual([true, true]);
    expect(store.names()).toEqual([]);
  });
});
