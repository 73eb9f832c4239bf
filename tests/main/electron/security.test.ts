import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  contentSecurityPolicy,
  cspProblems,
  externalUrlToOpen,
  isAppUrl,
  isPermissionGranted,
  secureWebPreferences,
} from '../../../src/main/electron/security';
import { securityHeaders } from '../../../src/main/server/security';
import { repoRoot } from '../../helpers/tempDir';

describe('isAppUrl', () => {
  it.each([
    ['luoshi://app/index.html', true],
    ['luoshi://app/#/plan', true],
    ['luoshi://evil/index.html', false],
    ['luoshi://user:pw@app/index.html', false],
    ['file:///etc/passwd', false],
    ['https://app/', false],
    ['http://localhost:5173.evil.com/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('accepts the dev server origin only when one is given', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it.each([
    ['https://www.gov.cn/', 'https://www.gov.cn/'],
    ['http://example.com/a?b=1', 'http://example.com/a?b=1'],
    ['file:///C:/Windows/system32/calc.exe', null],
    ['javascript:alert(1)', null],
    ['smb://server/share', null],
    ['https://user:pass@example.com/', null],
    ['::::', null],
  ])('%s → %s', (url, expected) => {
    expect(externalUrlToOpen(url)).toBe(expected);
  });
});

describe('isPermissionGranted', () => {
  it.each([
    ['clipboard-sanitized-write', 'luoshi://app/index.html', true],
    ['clipboard-sanitized-write', 'luoshi://app', true],
    ['clipboard-sanitized-write', 'https://evil.example/', false],
    ['clipboard-read', 'luoshi://app/index.html', false],
    ['media', 'luoshi://app/index.html', false],
    ['geolocation', 'luoshi://app/index.html', false],
    ['notifications', 'luoshi://app/index.html', false],
    ['openExternal', 'luoshi://app/index.html', false],
    ['clipboard-sanitized-write', 'luoshi://user@app/', false],
  ])('%s from %s → %s', (permission, url, expected) => {
    expect(isPermissionGranted(permission, url)).toBe(expected);
  });

  it('grants the dev server only when one is configured', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'http://localhost:5173/', 'http://localhost:5173')).toBe(
      true,
    );
    expect(isPermissionGranted('clipboard-sanitized-write', 'http://localhost:5173/')).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('sandboxes and isolates the renderer and turns off every risky switch', () => {
    const preferences = secureWebPreferences('/app/out/preload/index.cjs');
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('is what the main window uses', () => {
    const source = readFileSync(join(repoRoot, 'src/main/electron/window.ts'), 'utf8');
    expect(source).toMatch(/webPreferences:\s*secureWebPreferences\(/);
  });
});

describe('cspProblems', () => {
  it('accepts the policies the app actually sends', () => {
    expect(cspProblems(contentSecurityPolicy)).toEqual([]);
    expect(cspProblems(securityHeaders['Content-Security-Policy'] ?? '')).toEqual([]);
  });

  it.each([
    [
      "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      'script-src',
    ],
    [
      "default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      'script-src',
    ],
    ["default-src 'self'; script-src *; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", 'script-src'],
    [
      "default-src 'self'; script-src 'self' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      'script-src',
    ],
    ["default-src *; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", 'default-src'],
    ["default-src 'self'; script-src 'self'; base-uri 'none'; frame-ancestors 'none'", 'object-src'],
    ["default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'", 'base-uri'],
    ["default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'", 'frame-ancestors'],
    ['', 'default-src'],
  ])('%s → names %s', (policy, directive) => {
    expect(cspProblems(policy).join('\n')).toContain(directive);
  });

  it('keeps the first of duplicated directives, as browsers do', () => {
    const policy =
      "default-src 'self'; script-src 'self'; script-src 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    expect(cspProblems(policy)).toEqual([]);
  });
});
