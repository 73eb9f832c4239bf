import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Map a request path to a file inside `root`, or null when the path escapes it. Decoding happens
 * before the check so `%2e%2e/` cannot slip past; a NUL byte is refused outright.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`));
  if (target !== base && !target.startsWith(base + sep)) return null;
  return target;
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Read a file of the built renderer; unknown paths fall back to index.html (client-side routes). */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const path = urlPath === '/' ? '/index.html' : urlPath;
  const target = resolveStaticPath(root, path);
  if (target === null) return null;
  const file = (await isFile(target)) ? target : extname(path) === '' ? resolveStaticPath(root, '/index.html') : null;
  if (file === null) return null;
  return {
    body: await readFile(file),
    contentType: contentTypes[extname(file)] ?? 'application/octet-stream',
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
