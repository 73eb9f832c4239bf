import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, repoRoot } from '../helpers/tempDir';
import { launchBrowser, screenshot } from './harness';

/** `luoshi serve --tls` with the certificate it generates, driven in Chromium over HTTPS. */
let child: ChildProcess;
let output = '';
let url = '';
let browser: Browser;
const temp = makeTempDir('luoshi-e2e-tls-');

beforeAll(async () => {
  child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'luoshi.mjs'), 'serve', '--tls', '--data-dir', temp.dir, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`luoshi serve --tls did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(https:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1] && /证书指纹/.test(output)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`luoshi serve exited with ${code}:\n${output}`)));
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  temp.cleanup();
});

describe('browser mode over TLS', () => {
  it('prints the fingerprint of the certificate it generated and keeps it in the data folder', () => {
    const cert = new X509Certificate(readFileSync(join(temp.dir, 'tls', 'cert.pem')));
    expect(output).toContain(`HTTPS 证书指纹（SHA-256）：${cert.fingerprint256}`);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('serves the app in Chromium over HTTPS, with a Secure session cookie', async () => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(page.url().startsWith('https://')).toBe(true);
      await page.getByText('落实通').first().waitFor();
      await screenshot(page, 'tls-first-screen');
      const setup = await context.request.post(`${url}api/auth.setup`, {
        headers: { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' },
        data: { username: 'admin', displayName: '管理员', password: 'admin-pass-123' },
      });
      expect(setup.status()).toBe(200);
      const cookie = setup.headers()['set-cookie'] ?? '';
      expect(cookie).toContain('; Secure');
      const cookies = await context.cookies(url);
      expect(cookies.find((c) => c.name === 'luoshi_session')?.secure).toBe(true);
    } finally {
      await context.close();
    }
  });
});
