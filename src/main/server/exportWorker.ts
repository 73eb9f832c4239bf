import { parentPort, workerData } from 'node:worker_threads';
import type { CallContext } from '../core/context';
import { createCore, type LuoshiCore } from '../core/core';
import { createDispatcher } from '../core/dispatcher';
import type { ExportWorkerData, FromExportWorker, ToExportWorker } from './exportPool';
import { fillInParseJob, runFillInParseJob } from './fillInJob';

/**
 * One export worker of the browser mode (exportPool.ts): its own core over the same data folder
 * (a second SQLite connection; WAL lets it read while the server's thread writes), answering
 * only the read-only file methods the pool sends it, and the parsing half of `fillIn.apply`
 * (fillInJob.ts). It never introduces the audit key, loads a
 * seed plan or sweeps files: the server's own core does all of that.
 */
function notInWorker(): never {
  throw new Error('exportWorker must run in a worker thread');
}
const port = parentPort ?? notInWorker();
const post = (message: FromExportWorker) => port.postMessage(message);

async function main(): Promise<void> {
  const { dataDir, databaseUrl, resourcesDir } = workerData as ExportWorkerData;
  let core: LuoshiCore;
  try {
    core = await createCore({
      dataDir,
      ...(databaseUrl === undefined ? {} : { databaseUrl }),
      resourcesDir,
      loadSeedPlan: false,
      introduceAuditKey: false,
      sweepAtStart: false,
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  const dispatcher = createDispatcher(core);
  port.on('message', (message: ToExportWorker) => {
    if (message.type === 'close') {
      core.close();
      post({ type: 'closed' });
      port.close(); // nothing keeps the thread alive now: it exits
      return;
    }
    const context: CallContext = {
      transport: 'http',
      sessionId: message.sessionId,
      setSessionId() {
        // The pooled methods never sign anyone in or out.
      },
    };
    const answer =
      message.method === fillInParseJob
        ? runFillInParseJob(core, message.payload, message.sessionId)
        : dispatcher.call(message.method, message.payload, context);
    void answer.then((result) => post({ type: 'result', id: message.id, result }));
  });
  post({ type: 'ready' });
}

void main();
