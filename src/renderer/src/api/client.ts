import { methodNames, type LuoshiApi, type MethodName } from '../../../shared/contract';
import type { ApiErrorBody, ApiResult, ErrorCode } from '../../../shared/errors';

/** The desktop preload's bridge: one function per method, answering the result envelope. */
type Bridge = Record<string, (payload: unknown) => Promise<ApiResult<unknown>>>;

declare global {
  interface Window {
    luoshi?: Bridge;
  }
}

/** A refused or failed call, with the core's plain-Chinese message. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.field = body.field;
  }
}

async function callHttp(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: '无法连接落实通服务，请确认服务仍在运行后重试。' } };
  }
  try {
    return (await response.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `服务返回了无法识别的内容（HTTP ${response.status}）。` } };
  }
}

function transport(): (method: MethodName, input: unknown) => Promise<ApiResult<unknown>> {
  const bridge = window.luoshi;
  if (bridge) {
    return async (method, input) => {
      const fn = bridge[method];
      if (!fn) return { ok: false, error: { code: 'not_found', message: `没有名为「${method}」的接口。` } };
      return fn(input);
    };
  }
  return callHttp;
}

const send = transport();
const listeners = new Set<(error: ApiError) => void>();

/** Notified of every failed call, e.g. to send the user back to the login page on `unauthenticated`. */
export function onApiError(listener: (error: ApiError) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The API, whichever transport carries it: the renderer cannot tell IPC from HTTP. */
export const api = Object.fromEntries(
  methodNames.map((method) => [
    method,
    async (input: unknown) => {
      const result = await send(method, input);
      if (result.ok) return result.data;
      const error = new ApiError(result.error);
      listeners.forEach((listener) => listener(error));
      throw error;
    },
  ]),
) as unknown as LuoshiApi;
