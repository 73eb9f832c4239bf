import { X509Certificate, createPrivateKey } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/main/cli/command';
import { isLoopbackHost, serveCommand } from '../../../src/main/cli/commands/serve';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import { generateSelfSignedCert, loadOrCreateCert } from '../../../src/main/server/selfSignedCert';
import { makeTempDir } from '../../helpers/tempDir';
import { makeTestCore } from '../../helpers/testCore';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  authorized: boolean;
}

/** One HTTPS request that trusts only `ca` (the certificate is really checked, name included). */
function httpsCall(url: string, ca: string, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = httpsRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method,
        ca,
        timeout: 5000,
        headers:
          body === undefined
            ? {}
            : {
                'Content-Type': 'application/json',
                'X-Luoshi-Request': '1',
                'Content-Length': Buffer.byteLength(body),
              },
      },
      (response) => {
        const authorized = (response.socket as TLSSocket).authorized;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            authorized,
          }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

/** Ask until the server answers, at most `tries` times (a bounded loop: never hangs the suite). */
async function untilAnswered(call: () => Promise<Answer>, tries = 20): Promise<Answer> {
  let last: unknown = null;
  for (let attempt = 0; attempt < tries; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer after ${tries} tries: ${String(last)}`);
}

describe('the self-signed certificate', () => {
  it('is a valid X.509 v3 certificate for the given names, signed by its own key', () => {
    const { cert, key } = generateSelfSignedCert(['localhost', '127.0.0.1', '::1', 'luoshi.lan', '内网名']);
    const parsed = new X509Certificate(cert);
    expect(parsed.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(parsed.checkIP('::1')).toBeDefined();
    expect(parsed.checkHost('luoshi.lan')).toBe('luoshi.lan');
    expect(parsed.checkHost('evil.example')).toBeUndefined();
    expect(parsed.ca).toBe(false);
    expect(new Date(parsed.validTo).getTime()).toBeGreaterThan(Date.now() + 365 * 24 * 3600_000);
  });

  it('is kept in the data folder (0600), reused, and made again when asked for another address', () => {
    const temp = makeTempDir();
    try {
      const folder = join(temp.dir, 'tls');
      const first = loadOrCreateCert(folder, ['localhost', '127.0.0.1']);
      expect(first.generated).toBe(true);
      expect(first.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(statSync(join(folder, 'key.pem')).mode & 0o777).toBe(0o600);
      const again = loadOrCreateCert(folder, ['localhost', '127.0.0.1']);
      expect(again).toMatchObject({ generated: false, fingerprint256: first.fingerprint256 });
      const wider = loadOrCreateCert(folder, ['localhost', '127.0.0.1', '192.168.1.20']);
      expect(wider.generated).toBe(true);
      expect(wider.fingerprint256).not.toBe(first.fingerprint256);
    } finally {
      temp.cleanup();
    }
  });
});

describe('serve over TLS', () => {
  let server: RunningServer;
  let ca: string;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    const test = await makeTestCore();
    const site = makeTempDir('luoshi-site-');
    writeFileSync(join(site.dir, 'index.html'), '<!doctype html><title>落实通</title>');
    const tls = generateSelfSignedCert(['localhost', '127.0.0.1']);
    ca = tls.cert;
    cleanups.push(test.cleanup, site.cleanup);
    test.core.workflow.accounts.setup({ username: 'admin', displayName: '管理员', password: 'password-123' });
    server = await startHttpServer({
      dispatcher: createDispatcher(test.core, () => undefined),
      staticDir: site.dir,
      host: '127.0.0.1',
      port: 0,
      ...passwordCheckLimiters(() => test.core.db),
      tls,
    });
  });
  afterAll(async () => {
    await server.close();
    cleanups.forEach((cleanup) => cleanup());
  });

  it('answers https on 127.0.0.1 with a certificate the client verifies', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await untilAnswered(() => httpsCall(server.url, ca));
    expect(page.status).toBe(200);
    expect(page.authorized).toBe(true);
    expect(page.body).toContain('落实通');
  });

  it('sets a Secure session cookie over TLS', async () => {
    const login = await untilAnswered(() =>
      httpsCall(
        `${server.url}api/auth.login`,
        ca,
        'POST',
        JSON.stringify({ username: 'admin', password: 'password-123' }),
      ),
    );
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain('luoshi_session=');
    expect(cookie).toContain('; Secure');
    expect(cookie).toContain('HttpOnly');
  });

  it('does not answer plain HTTP on the TLS port', async () => {
    const port = new URL(server.url).port;
    const outcome = await new Promise<string>((resolve) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/', timeout: 3000 }, (response) => {
        response.resume();
        resolve(`status ${response.statusCode ?? 0}`);
      });
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error) => resolve(`error ${error.message}`));
      request.end();
    });
    expect(outcome).not.toBe('status 200');
  });
});

describe('serve beyond loopback', () => {
  const environment = (packageRoot: string) => ({
    io: { out: () => undefined, err: () => undefined },
    packageRoot,
    env: {},
  });

  it('tells loopback addresses from others', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'luoshi.lan']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses to listen on the LAN without TLS, in Chinese, before opening anything', async () => {
    const temp = makeTempDir();
    try {
      const refused = serveCommand.run(
        ['--host', '0.0.0.0', '--data-dir', join(temp.dir, 'data')],
        environment(temp.dir),
      );
      await expect(refused).rejects.toThrow(UsageError);
      await expect(serveCommand.run(['--host', '192.168.1.20'], environment(temp.dir))).rejects.toThrow(
        /未启用 TLS.*--tls.*--insecure-lan/,
      );
      await expect(serveCommand.run(['--host', '0.0.0.0', '--cert', 'a.pem'], environment(temp.dir))).rejects.toThrow(
        /--cert 与 --key 须同时给出/,
      );
      // With the explicit flag (or --tls) the refusal is passed: here the next check, the missing build, answers.
      mkdirSync(join(temp.dir, 'out'));
      await expect(serveCommand.run(['--host', '0.0.0.0', '--insecure-lan'], environment(temp.dir))).rejects.toThrow(
        /未找到界面文件/,
      );
      await expect(serveCommand.run(['--host', '0.0.0.0', '--tls'], environment(temp.dir))).rejects.toThrow(
        /未找到界面文件/,
      );
    } finally {
      temp.cleanup();
    }
  });
});
