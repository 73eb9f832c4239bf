import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { httpStatusOf, type ApiErrorBody, type ApiResult } from '../../shared/errors';
import type { CallContext } from '../core/context';
import type { Dispatcher } from '../core/dispatcher';
import { passwordChangeRetryMessage, type LoginRateLimiter } from '../core/services/loginLimiter';
import { busyMessage, parsedInPool, replacesDatabase, type ExportPool } from './exportPool';
import { applyFillInThroughPool } from './fillInJob';
import { allowedHostNames, isAllowedHost, isLoopbackPeer } from './hostCheck';
import { readStaticFile } from './staticFiles';
import { isSameOriginApiCall, parseCookies, securityHeaders, sessionCookie, sessionCookieName } from './security';

export interface ServeOptions {
  dispatcher: Dispatcher;
  /** The built renderer (out/renderer). */
  staticDir: string;
  host: string;
  port: number;
  /**
   * Failed-login counting (core/services/loginLimiter.ts). Kept in the database, so every server
   * process on it counts the same failures; no default, so no host ends up with a per-process count.
   */
  loginLimiter: LoginRateLimiter;
  /** Wrong current passwords in `auth.changePassword`, counted the same way (per address and per session). */
  passwordChangeLimiter: LoginRateLimiter;
  /** Host names answered besides the loopback names and the listening address (`--allow-host`). */
  allowHosts?: readonly string[];
  /** Serve HTTPS with this certificate and key (PEM); the session cookie is then `Secure`. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Worker threads for Word/Excel generation and fill-in parsing (exportPool.ts); in-thread when omitted. */
  exportPool?: ExportPool;
  /**
   * One of several server processes on the database (`luoshi serve --workers N`): a restore, which
   * replaces the database under every process's connection, is refused with what to do instead.
   */
  multiProcess?: boolean;
}

export const restoreRefusedWithWorkers =
  '以多个服务进程运行（--workers）时不能在线恢复备份：其他服务进程仍在使用数据库。' +
  '请停止 luoshi serve，用 luoshi restore 恢复备份后重新启动；或以 --workers 1 启动后再在页面上恢复。';

type Options = ServeOptions & { hostNames: ReadonlySet<string> };

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Request bodies are JSON; plan documents and fill-in sheets travel base64-encoded inside them. */
const maxBodyBytes = 32 * 1024 * 1024;

/**
 * The browser mode: the built renderer and `POST /api/<method>` on one origin. The renderer cannot
 * tell this transport from IPC: both answer the same envelope.
 */
export async function startHttpServer(serveOptions: ServeOptions): Promise<RunningServer> {
  const options: Options = {
    ...serveOptions,
    hostNames: allowedHostNames(serveOptions.host, serveOptions.allowHosts),
  };
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    handle(options, request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent)
        send(response, 500, { ok: false, error: { code: 'internal', message: '服务器内部错误' } });
      else response.destroy();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, listener)
    : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function refuseText(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(text);
}

/** The decoded path, or null when the request line is not a valid URL (e.g. a cut-off %-escape). */
function pathOf(rawUrl: string | undefined): { url: URL; path: string } | null {
  try {
    const url = new URL(rawUrl ?? '/', 'http://localhost');
    return { url, path: decodeURIComponent(url.pathname) };
  } catch {
    return null;
  }
}

async function handle(options: Options, request: IncomingMessage, response: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
  if (!isAllowedHost(request.headers.host, options.hostNames)) {
    return refuseText(
      response,
      421,
      `请求的主机名「${request.headers.host ?? ''}」不是本服务的地址，已拒绝。请用启动时显示的地址访问；如需用其他名称访问，请以 --allow-host 启动。`,
    );
  }
  const parsed = pathOf(request.url);
  if (!parsed) return refuseText(response, 400, '请求地址无效（含有无法解码的字符）。');
  const { url, path } = parsed;

  if (url.pathname.startsWith('/api/')) {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return send(response, 405, { ok: false, error: { code: 'invalid_input', message: '接口只接受 POST 请求。' } });
    }
    if (!isSameOriginApiCall(request)) {
      return send(response, 403, {
        ok: false,
        error: { code: 'forbidden', message: '请求来源无法验证（缺少请求头或跨站请求），已拒绝。' },
      });
    }
    const method = path.slice('/api/'.length);
    if (method === 'auth.setup' && !isLoopbackPeer(request.socket.remoteAddress)) {
      return send(response, 403, {
        ok: false,
        error: {
          code: 'forbidden',
          message: `首次设置管理员账号只能在运行服务的本机上进行（在该电脑的浏览器中打开 ${options.tls ? 'https' : 'http'}://127.0.0.1 地址）。`,
        },
      });
    }
    const body = await readJsonBody(request);
    if (!body.ok)
      return send(response, body.status, { ok: false, error: { code: 'invalid_input', message: body.message } });

    const cookies = parseCookies(request.headers.cookie);
    const context: CallContext = {
      transport: 'http',
      sessionId: cookies.get(sessionCookieName) ?? null,
      setSessionId(sessionId) {
        context.sessionId = sessionId;
        response.setHeader('Set-Cookie', sessionCookie(sessionId, { secure: options.tls !== undefined }));
      },
    };
    // Every password check is rate-limited per client address and per account: login by the
    // username given, a password change by the session making it. Only wrong passwords count.
    const address = request.socket.remoteAddress ?? '';
    const limited =
      method === 'auth.login'
        ? {
            limiter: options.loginLimiter,
            key: usernameOf(body.value),
            wrong: (e: ApiErrorBody) => e.code === 'unauthenticated',
            message: null,
          }
        : method === 'auth.changePassword'
          ? {
              limiter: options.passwordChangeLimiter,
              key: `session ${context.sessionId ?? ''}`,
              wrong: (e: ApiErrorBody) => e.code === 'forbidden' && e.field === 'currentPassword',
              message: passwordChangeRetryMessage,
            }
          : null;
    if (limited) {
      const decision = limited.limiter.check(address, limited.key);
      if (!decision.allowed) {
        response.setHeader('Retry-After', String(decision.retryAfterSeconds));
        const message = limited.message ? limited.message(decision.retryAfterSeconds) : decision.message;
        return send(response, 429, { ok: false, error: { code: 'forbidden', message } });
      }
    }
    const key = limited?.key ?? '';
    let result: ApiResult<unknown>;
    if (options.multiProcess === true && replacesDatabase.has(method)) {
      return send(response, 409, { ok: false, error: { code: 'conflict', message: restoreRefusedWithWorkers } });
    }
    const pool = options.exportPool;
    if (pool && (pool.handles(method) || parsedInPool.has(method))) {
      const answer = pool.handles(method)
        ? await pool.call(method, body.value, context.sessionId)
        : await applyFillInThroughPool(pool, options.dispatcher, body.value, context);
      if (answer.busy) {
        response.setHeader('Retry-After', '5');
        return send(response, 503, { ok: false, error: { code: 'internal', message: busyMessage } });
      }
      result = answer.result;
    } else if (options.exportPool && replacesDatabase.has(method)) {
      // The export workers' connections let go of the file first.
      result = await options.exportPool.withoutWorkers(() => options.dispatcher.call(method, body.value, context));
    } else {
      result = await options.dispatcher.call(method, body.value, context);
    }
    if (limited && result.ok) limited.limiter.recordSuccess(address, key);
    if (limited && !result.ok && limited.wrong(result.error)) limited.limiter.recordFailure(address, key);
    return send(response, result.ok ? 200 : httpStatusOf[result.error.code], result);
  }

  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.statusCode = 405;
    response.end();
    return;
  }
  const file = await readStaticFile(options.staticDir, url.pathname);
  if (!file) {
    response.statusCode = 404;
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.end('未找到');
    return;
  }
  response.statusCode = 200;
  response.setHeader('Content-Type', file.contentType);
  response.setHeader(
    'Cache-Control',
    url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

function usernameOf(body: unknown): string {
  const username: unknown =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).username : undefined;
  return typeof username === 'string' ? username : '';
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; message: string };

async function readJsonBody(request: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) return { ok: false, status: 413, message: '请求内容超过 32 MB 上限。' };
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, message: '请求内容不是有效的 JSON。' };
  }
}

function send(response: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(text);
}
