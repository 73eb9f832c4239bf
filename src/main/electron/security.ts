/**
 * The desktop window's security rules as small pure functions, so each is unit-tested without
 * Electron (tests/main/electron/security.test.ts).
 */

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
