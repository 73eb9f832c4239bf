import { parentPort, workerData } from 'node:worker_threads';
import { startAutomaticBackups, type BackupScheduler } from '../core/backup';
import type { CallContext } from '../core/context';
import { createCore, type LuoshiCore } from '../core/core';
import { createDispatcher } from '../core/dispatcher';
import type { CoreWorkerData, FromCore, ToCore } from './coreProtocol';

/** The worker thread that hosts the core for the desktop app (see coreProtocol.ts). */
function notInWorker(): never {
  throw new Error('coreWorker must run in a worker thread');
}
const port = parentPort ?? notInWorker();
const post = (message: FromCore) => port.postMessage(message);

async function main(): Promise<void> {
  const { dataDir, resourcesDir } = workerData as CoreWorkerData;
  let core: LuoshiCore;
  let backups: BackupScheduler;
  try {
    core = await createCore({ dataDir, resourcesDir });
    backups = startAutomaticBackups(core);
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  const dispatcher = createDispatcher(core);
  port.on('message', (message: ToCore) => {
    if (message.type === 'call') {
      const context: CallContext = {
        transport: 'ipc',
        sessionId: message.sessionId,
        setSessionId(sessionId) {
          context.sessionId = sessionId;
        },
      };
      void dispatcher
        .call(message.method, message.payload, context)
        .then((result) => post({ type: 'result', id: message.id, result, sessionId: context.sessionId }));
    } else {
      // Back up on the way out (only when something changed), then close the database.
      void backups.shutdown().finally(() => {
        core.close();
        post({ type: 'closed' });
      });
    }
  });
  post({ type: 'ready' });
}

void main();
