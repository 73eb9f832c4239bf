import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import { allowedHostNames, hostNameOf, isAllowedHost, isLoopbackPeer } from '../../../src/main/server/hostCheck';
import { makeTempDir } from '../../helpers/tempDir';
import { makeTestCore } from '../../helpers/testCore';

let server: RunningServer;
let port: number;
let cleanups: (() => void)[] = [];

beforeAll(async () => {
  const test = await makeTestCore({ loadSeedPlan: false });
  const site = makeTempDir('luoshi-site-');
  mkdirSync(join(site.dir, 'assets'));
  writeFileSync(join(site.dir, 'index.html'), '<!doctype html><title>落实通</title>');
  cleanups = [test.cleanup, site.cleanup];
  server = await startHttpServer({
    dispatcher: createDispatcher(test.core, () => undefined),
    staticDir: site.dir,
    host: '127.0.0.1',
    port: 0,
    ...passwordCheckLimiters(() => test.core.db),
    allowHosts: ['luoshi.office.lan'],
  });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  cleanups.forEach((c) => c());
});

/** A raw request, so the Host header and the path are exactly what an attacker would send. */
function raw(path: string, host: string, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: {
          Host: host,
          ...(body === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1', Origin: `http://${host}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the browser mode answers only to its own names', () => {
  it('refuses a rebinding Host with 421, even with a matching Origin, and creates no administrator', async () => {
    const rebind = await raw(
      '/api/auth.setup',
      'rebind.evil.example',
      'POST',
      JSON.stringify({ username: 'attacker', displayName: 'x', password: 'p'.repeat(12) }),
    );
    expect(rebind.status).toBe(421);
    expect(rebind.text).toContain('--allow-host');
    expect((await raw('/', `rebind.evil.example:${port}`)).status).toBe(421);
    const status = await raw('/api/auth.status', `127.0.0.1:${port}`, 'POST', '{}');
    expect(status.status).toBe(200);
    expect(status.text).not.toContain('attacker');
  });

  it('answers loopback names and the names it was told to allow', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LUOSHI.office.lan:${port}`]) {
      expect((await raw('/', host)).status).toBe(200);
    }
  });

  it('answers a cut-off %-escape with 400, not 500', async () => {
    expect((await raw('/api/%E0%A4%A', `127.0.0.1:${port}`, 'POST', '{}')).status).toBe(400);
    expect((await raw('/%E0%A4%A', `127.0.0.1:${port}`)).status).toBe(400);
  });

  it('tells anonymous callers nothing about where the data lives', async () => {
    const info = await raw('/api/system.info', `127.0.0.1:${port}`, 'POST', '{}');
    expect(info.status).toBe(200);
    expect(JSON.parse(info.text)).toMatchObject({ ok: true, data: { dataDir: null } });
  });
});

describe('host and peer checks', () => {
  it('parses Host headers strictly', () => {
    expect(hostNameOf('Example.org:80')).toBe('example.org');
    expect(hostNameOf('[::1]:5780')).toBe('[::1]');
    expect(hostNameOf('a b')).toBeNull();
    expect(hostNameOf(undefined)).toBeNull();
    expect(isAllowedHost('127.0.0.1.evil.example', allowedHostNames('127.0.0.1'))).toBe(false);
    expect(isAllowedHost('192.168.1.20:5780', allowedHostNames('192.168.1.20'))).toBe(true);
  });

  it('lets only a peer on this machine create the first administrator', () => {
    expect(isLoopbackPeer('127.0.0.1')).toBe(true);
    expect(isLoopbackPeer('::ffff:127.0.0.5')).toBe(true);
    expect(isLoopbackPeer('::1')).toBe(true);
    expect(isLoopbackPeer('192.168.1.7')).toBe(false);
    expect(isLoopbackPeer('::ffff:10.0.0.2')).toBe(false);
    expect(isLoopbackPeer(undefined)).toBe(false);
  });
});
