import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import type { LuoshiCore } from '../../../src/main/core/core';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import { resolveStaticPath } from '../../../src/main/server/staticFiles';
import { makeTempDir } from '../../helpers/tempDir';
import { makeTestCore } from '../../helpers/testCore';

let server: RunningServer;
let core: LuoshiCore;
let cleanups: (() => void)[] = [];

const apiHeaders = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };

beforeAll(async () => {
  const test = await makeTestCore();
  core = test.core;
  const site = makeTempDir('luoshi-site-');
  mkdirSync(join(site.dir, 'assets'));
  writeFileSync(join(site.dir, 'index.html'), '<!doctype html><title>落实通</title>');
  writeFileSync(join(site.dir, 'assets', 'app.js'), 'console.log(1)');
  cleanups = [test.cleanup, site.cleanup];
  server = await startHttpServer({
    dispatcher: createDispatcher(core, () => undefined),
    staticDir: site.dir,
    host: '127.0.0.1',
    port: 0,
    ...passwordCheckLimiters(() => core.db),
  });
});

afterAll(async () => {
  await server.close();
  cleanups.forEach((c) => c());
});

function post(method: string, body: unknown, headers: Record<string, string> = apiHeaders) {
  return fetch(`${server.url}api/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('HTTP transport', () => {
  it('binds to loopback and answers a call with the result envelope', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await post('system.info', {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; data: { appName: string; transport: string } };
    expect(body.ok).toBe(true);
    expect(body.data.appName).toBe('落实通');
    expect(body.data.transport).toBe('http');
  });

  it('refuses a malformed payload with 400 and names the field', async () => {
    const response = await post('plan.task', { taskId: '第一项' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { ok: boolean; error: { code: string; field: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.field).toBe('taskId');
    // The message names the field as the user knows it; `field` keeps the path for the form.
    expect(body.error.message).toContain('「任务」');
    expect(body.error.message).not.toContain('taskId');
  });

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${server.url}api/system.info`, {
      method: 'POST',
      headers: apiHeaders,
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('JSON');
  });

  it('answers 404 for an unknown method and 405 for GET on the API', async () => {
    expect((await post('system.dropTables', {})).status).toBe(404);
    expect((await fetch(`${server.url}api/system.info`)).status).toBe(405);
  });

  it('refuses calls without the CSRF header or from another origin', async () => {
    expect((await post('system.info', {}, { 'Content-Type': 'application/json' })).status).toBe(403);
    expect((await post('system.info', {}, { 'Content-Type': 'text/plain', 'X-Luoshi-Request': '1' })).status).toBe(403);
    expect((await post('system.info', {}, { ...apiHeaders, Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('serves the renderer with security headers and falls back to index.html for routes', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(await index.text()).toContain('落实通');
    expect((await fetch(`${server.url}assets/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${server.url}assets/missing.js`)).status).toBe(404);
  });
});

describe('static path resolution', () => {
  it('never leaves the root', () => {
    const root = '/srv/site';
    expect(resolveStaticPath(root, '/index.html')).toBe('/srv/site/index.html');
    expect(resolveStaticPath(root, '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/assets/..%2f..%2fsecret')).toBeNull();
    expect(resolveStaticPath(root, '/a%00b')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });
});
