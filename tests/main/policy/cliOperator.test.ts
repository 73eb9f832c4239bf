import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFolderDatabase } from '../../helpers/postgresDatabases';
import { runCliCaptured } from '../../helpers/cliRunner';
import { makeTestCore } from '../../helpers/testCore';

let dataDir = '';
let cleanup: () => void = () => undefined;

beforeAll(async () => {
  const world = await makeTestCore();
  dataDir = world.dataDir;
  world.core.close();
  cleanup = world.cleanup;
}, 120_000);
afterAll(() => cleanup());

describe('the command line acts as a named local operator', () => {
  it('records account writes in the audit trail as 本机操作员（命令行，…）, not as an anonymous caller', async () => {
    const created = await runCliCaptured([
      'users',
      'create',
      '--username',
      'cli.admin',
      '--name',
      '李经办',
      '--password',
      'password-123',
      '--roles',
      'admin',
      '--data-dir',
      dataDir,
    ]);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const reset = await runCliCaptured([
      'users',
      'reset-password',
      '--username',
      'cli.admin',
      '--password',
      'password-456',
      '--data-dir',
      dataDir,
    ]);
    expect(reset.code).toBe(0);
    const db = openFolderDatabase(dataDir);
    try {
      const rows = db
        .prepare("SELECT event, actor_name, user_id FROM audit_log WHERE event LIKE 'user.%' ORDER BY id")
        .all() as {
        event: string;
        actor_name: string;
        user_id: number | null;
      }[];
      expect(rows.map((r) => r.event)).toEqual(['user.create', 'user.resetPassword']);
      for (const row of rows) {
        expect(row.actor_name).toMatch(/^本机操作员（命令行，.+）$/);
        expect(row.user_id).toBeNull();
      }
    } finally {
      db.close();
    }
  });
});
