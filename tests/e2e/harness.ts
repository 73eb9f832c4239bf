import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeTempDir, repoRoot } from '../helpers/tempDir';

/** Screenshots of every journey are kept as CI artifacts here. */
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export interface ServedApp {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Start the real `luoshi serve` on a free loopback port with a fresh data folder (`prepare` may fill it first). */
export async function startServe(prepare?: (dataDir: string) => void): Promise<ServedApp> {
  const temp = makeTempDir('luoshi-e2e-');
  prepare?.(temp.dir);
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'luoshi.mjs'), 'serve', '--data-dir', temp.dir, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await waitForUrl(child);
  return {
    url,
    dataDir: temp.dir,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      temp.cleanup();
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`luoshi serve did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`luoshi serve exited with ${code}:\n${output}`));
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page at an office screen's size (1366×768). */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A page signed in as `username` in its own browser context (its own session cookie). */
export async function signedInPage(browser: Browser, url: string, username: string, password: string): Promise<Page> {
  const page = await openPage(browser, url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '当前用户' }).waitFor();
  return page;
}

/** Calls the HTTP API directly, as a logged-in user, to set up what a journey does not walk through. */
export class ApiClient {
  private cookie = '';
  constructor(private readonly baseUrl: string) {}

  async call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
    const response = await this.raw(method, input);
    const body = (await response.json()) as { ok: boolean; data?: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.message ?? response.status}`);
    return body.data as T;
  }

  async raw(method: string, input: unknown = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}api/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Luoshi-Request': '1',
        ...(this.cookie ? { Cookie: this.cookie } : {}),
      },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    return response;
  }
}
