import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannelOf, methodNames } from '../../shared/contract';
import type { ApiResult } from '../../shared/errors';
import type { CallContext } from '../core/context';
import type { Dispatcher } from '../core/dispatcher';
import { isAppUrl } from './security';

/**
 * One channel per contract method. Before the dispatcher sees a payload, the sender must be the
 * main frame of one of our windows showing our own renderer; the dispatcher then parses it
 * against the contract. Each window keeps its own session, like a browser tab with a cookie.
 */
export function registerIpc(dispatcher: Dispatcher, devServerUrl: string | undefined): void {
  const sessions = new WeakMap<WebContents, string | null>();
  for (const method of methodNames) {
    ipcMain.handle(
      ipcChannelOf(method),
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<ApiResult<unknown>> => {
        if (!isTrustedSender(event, devServerUrl)) {
          return { ok: false, error: { code: 'forbidden', message: '调用来源不可信，已拒绝。' } };
        }
        const sender = event.sender;
        const context: CallContext = {
          transport: 'ipc',
          sessionId: sessions.get(sender) ?? null,
          setSessionId(sessionId) {
            context.sessionId = sessionId;
            sessions.set(sender, sessionId);
          },
        };
        return dispatcher.call(method, payload, context);
      },
    );
  }
}

function isTrustedSender(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url, devServerUrl);
}
