import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startTestCluster } from '../../../helpers/postgres';

describe('test cluster helper', () => {
  it('starts a cluster on 127.0.0.1, answers queries, and removes everything on stop', async () => {
    const cluster = await startTestCluster();
    let dataDir = '';
    try {
      const url = await cluster.createDatabase('probe');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const row = (
        await client.query<{ db: string; addr: string; dir: string }>(
          "SELECT current_database() AS db, host(inet_server_addr()) AS addr, current_setting('data_directory') AS dir",
        )
      ).rows[0]!;
      await client.end();
      expect(row.db).toBe('probe');
      expect(row.addr).toBe('127.0.0.1');
      dataDir = row.dir;
      expect(existsSync(dataDir)).toBe(true);
    } finally {
      await cluster.stop();
    }
    expect(existsSync(dataDir)).toBe(false);
    const after = new pg.Client({ connectionString: cluster.url, connectionTimeoutMillis: 2_000 });
    await expect(after.connect()).rejects.toThrow();
  }, 60_000);
});
