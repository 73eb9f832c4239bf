import { protocol } from 'electron';
import { readStaticFile } from '../server/staticFiles';
import { appScheme, contentSecurityPolicy } from './security';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve the built renderer from luoshi://app/, scoped to its folder (no path traversal). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('未找到', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.contentType, 'Content-Security-Policy': contentSecurityPolicy },
    });
  });
}
