import type { IncomingMessage } from 'node:http';

/** Headers on every response of the browser mode. */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The header every API call must carry. A cross-site form cannot set it without a CORS preflight, which we never grant. */
const csrfHeader = 'x-luoshi-request';

/**
 * Refuse calls that a page on another site could make with the user's cookie: they must be JSON,
 * carry our header, and when the browser names an Origin it must be this server.
 */
export function isSameOriginApiCall(request: IncomingMessage): boolean {
  if (request.headers[csrfHeader] !== '1') return false;
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export const sessionCookieName = 'luoshi_session';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A malformed cookie is ignored rather than failing the request.
    }
  }
  return cookies;
}

/** Over TLS the cookie is `Secure`: a browser never sends it over plain HTTP, where it could be read on the way. */
export function sessionCookie(sessionId: string | null, options: { secure?: boolean } = {}): string {
  const base = `${sessionCookieName}=${sessionId ?? ''}; Path=/; HttpOnly; SameSite=Strict${options.secure ? '; Secure' : ''}`;
  return sessionId === null ? `${base}; Max-Age=0` : base;
}
