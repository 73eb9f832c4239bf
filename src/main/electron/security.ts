/**
 * The desktop window's security rules as small pure functions, so each is unit-tested without
 * Electron (tests/main/electron/security.test.ts).
 */
import type { WebPreferences } from 'electron';

/** The custom scheme the renderer is served from, instead of file://. */
export const appScheme = 'luoshi';
export const appOrigin = `${appScheme}://app`;

/** Is `url` a page of our own renderer? Parsed, never compared by prefix. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === `${appScheme}:` && parsed.host === 'app') return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Only web links leave the app, and only through the OS browser. */
export function externalUrlToOpen(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.username || parsed.password) return null;
    return parsed.toString();
  } catch {
    return null;
  }
}

/** The Content-Security-Policy of every response from the app scheme. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Permissions a page of ours may get. Electron grants every request by default; we deny all but
 * writing plain text to the clipboard (the copy buttons), and only to our own renderer.
 */
const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string, devServerUrl?: string): boolean {
  return grantedPermissions.has(permission) && isAppUrl(requestingUrl, devServerUrl);
}

/** The renderer's webPreferences: sandboxed, isolated, no Node, no webviews, web security on. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * What is wrong with a Content-Security-Policy, in Chinese; empty when it is strict enough for
 * us: scripts only from our own origin (no inline, no eval, no wildcards or schemes), no plugins,
 * no <base> rewriting, no framing by other pages.
 */
export function cspProblems(policy: string): string[] {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '');
    if (name !== undefined && !directives.has(name.toLowerCase()))
      directives.set(
        name.toLowerCase(),
        values.map((v) => v.toLowerCase()),
      );
  }
  const problems: string[] = [];
  const defaults = directives.get('default-src');
  if (!defaults || !defaults.every((v) => v === "'self'" || v === "'none'"))
    problems.push("default-src 应只允许 'self' 或 'none'");
  const scripts = directives.get('script-src') ?? defaults ?? [];
  const unsafeScript = scripts.filter((v) => v !== "'self'" && v !== "'none'");
  if (unsafeScript.length > 0 || scripts.length === 0)
    problems.push(`script-src 含不安全的来源：${unsafeScript.join(' ') || '（未设置）'}`);
  const objects = directives.get('object-src') ?? defaults ?? [];
  if (objects.join(' ') !== "'none'") problems.push("object-src 应为 'none'");
  const base = directives.get('base-uri');
  if (!base || !base.every((v) => v === "'none'" || v === "'self'")) problems.push("base-uri 应为 'none' 或 'self'");
  const ancestors = directives.get('frame-ancestors');
  if (!ancestors || ancestors.join(' ') !== "'none'") problems.push("frame-ancestors 应为 'none'");
  return problems;
}
