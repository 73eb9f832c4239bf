import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannelOf, methodNames, type MethodName } from '../shared/contract';

/**
 * The only bridge between the sandboxed renderer and main: one named function per contract
 * method, each returning the result envelope. No ipcRenderer and no event object cross over.
 */
const bridge: Record<string, (payload: unknown) => Promise<unknown>> = {};
for (const method of methodNames as readonly MethodName[]) {
  bridge[method] = (payload: unknown) => ipcRenderer.invoke(ipcChannelOf(method), payload);
}

contextBridge.exposeInMainWorld('luoshi', Object.freeze(bridge));
