import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureServerSection } from '../../../src/main/bench/serverSection';
import { makeTempDir } from '../../helpers/tempDir';

/**
 * The server section's PostgreSQL and multi-process rows, run against a stand-in CLI whose
 * `serve --help` lists --database and --workers (the real flags are being added elsewhere): the
 * data is copied with `db copy … --force` to the given URL and each configuration starts serve
 * with the flags it needs. The stand-in answers the bench's three calls over HTTP.
 */
const temp = makeTempDir('luoshi-bench-section-');
afterAll(() => temp.cleanup());

const calls = join(temp.dir, 'calls.jsonl');
const fakeCli = join(temp.dir, 'fake-luoshi.mjs');
writeFileSync(
  fakeCli,
  `import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
const args = process.argv.slice(2);
appendFileSync(${JSON.stringify(calls)}, JSON.stringify(args) + '\\n');
if (args[0] === 'serve' && args[1] === '--help') {
  console.log(process.env.FAKE_SERVE_PLAIN
    ? '用法：luoshi serve [--data-dir 目录] [--export-workers 1]'
    : '用法：luoshi serve [--data-dir 目录] [--database postgres://…] [--workers 3] [--export-workers 1]');
} else if (args[0] === 'db') {
  console.log('复制完成');
} else if (args[0] === 'serve') {
  const server = createServer((request, response) => {
    response.setHeader('Content-Type', 'application/json');
    if (request.url === '/api/auth.login') response.setHeader('Set-Cookie', 'luoshi_session=s; HttpOnly');
    response.end(JSON.stringify({ ok: true, data: {} }));
  });
  server.listen(0, '127.0.0.1', () => console.log('落实通浏览器模式已启动：http://127.0.0.1:' + server.address().port + '/'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
`,
);

describe('bench: the server section with PostgreSQL and several processes', () => {
  it('copies the data once per data set and measures PostgreSQL with 1 and 3 processes beside SQLite', async () => {
    const { measures, notMeasured } = await measureServerSection(
      [{ prefix: 'server.city', label: '市', dataDir: '/data/city', username: 'u', password: 'p', roundId: 1 }],
      { entry: fakeCli, clients: [2, 4], seconds: 1, postgresUrl: 'postgres://bench@db/luoshi', log: () => {} },
    );
    expect(notMeasured).toEqual([]);
    const rows = [
      ...new Set(measures.map((m) => m.key.replace(/\.(light|lightWhileExporting|addedP99)(\.p99)?$/, ''))),
    ];
    expect(rows).toEqual([
      'server.city.sqlite.inThread.c2',
      'server.city.sqlite.pool1.c2',
      'server.city.sqlite.pool1.c4',
      'server.city.dbCopy',
      'server.city.postgres.pool1.c2',
      'server.city.postgres.x3.pool1.c2',
      'server.city.postgres.pool1.c4',
      'server.city.postgres.x3.pool1.c4',
    ]);
    const invoked = readFileSync(calls, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[]);
    expect(invoked.filter((a) => a[0] === 'db')).toEqual([
      ['db', 'copy', '--from', '/data/city', '--to', 'postgres://bench@db/luoshi', '--force'],
    ]);
    const serves = invoked.filter((a) => a[0] === 'serve' && a[1] !== '--help').map((a) => a.slice(5).join(' '));
    expect(serves).toEqual([
      '--export-workers 0',
      '--export-workers 1',
      '--export-workers 1',
      '--export-workers 1 --database postgres://bench@db/luoshi',
      '--export-workers 1 --database postgres://bench@db/luoshi --workers 3',
      '--export-workers 1 --database postgres://bench@db/luoshi',
      '--export-workers 1 --database postgres://bench@db/luoshi --workers 3',
    ]);
    expect(measures.find((m) => m.key === 'server.city.postgres.x3.pool1.c4.light')?.label).toBe(
      '浏览器模式轻请求（市，PostgreSQL，3 个进程，导出线程 1，4 个客户端）：p50',
    );
  }, 120_000);

  it('says plainly that PostgreSQL was not measured when serve has no --database', async () => {
    process.env.FAKE_SERVE_PLAIN = '1';
    try {
      const log: string[] = [];
      const { measures, notMeasured } = await measureServerSection(
        [{ prefix: 'server', label: '区', dataDir: '/data/d', username: 'u', password: 'p', roundId: 1 }],
        {
          entry: fakeCli,
          clients: [2],
          seconds: 1,
          postgresUrl: 'postgres://bench@db/luoshi',
          log: (l) => log.push(l),
        },
      );
      expect(notMeasured).toEqual(['not measured: serve has no --database (PostgreSQL rows left out)']);
      expect(log).toContain('  not measured: serve has no --database (PostgreSQL rows left out)');
      expect(measures.some((m) => m.key.includes('postgres'))).toBe(false);
    } finally {
      delete process.env.FAKE_SERVE_PLAIN;
    }
  }, 60_000);
});
