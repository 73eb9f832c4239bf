import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src/main/core/context';
import { startCoreWorker } from '../../../src/main/electron/coreClient';

/**
 * A stand-in core worker speaking the real protocol: it answers `echo`, dies on `crash` (as an
 * uncaught error in the core would), and counts its own starts so a restart is visible.
 */
const workerSource = `
import { parentPort, workerData, threadId } from 'node:worker_threads';
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.type === 'shutdown') { parentPort.postMessage({ type: 'closed' }); return; }
  if (m.method === 'crash') throw new Error('boom');
  if (m.method === 'exit') process.exit(3);
  parentPort.postMessage({ type: 'result', id: m.id, sessionId: m.sessionId, result: { ok: true, data: { thread: threadId, payload: m.payload } } });
});
`;

const dir = mkdtempSync(join(tmpdir(), 'luoshi-core-client-'));
const workerFile = join(dir, 'worker.mjs');
writeFileSync(workerFile, workerSource);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function context(): CallContext {
  let sessionId: string | null = null;
  return {
    get sessionId() {
      return sessionId;
    },
    setSessionId(next: string | null) {
      sessionId = next;
    },
  } as unknown as CallContext;
}

type Answer = { ok: boolean; data?: { thread: number }; error?: { message: string } };

describe('the desktop core worker, supervised', () => {
  it('answers calls, fails the pending call of a worker that dies with a plain message, and restarts it', async () => {
    const restarts: string[] = [];
    const client = await startCoreWorker(
      workerFile,
      { dataDir: dir, resourcesDir: dir },
      { onRestart: (r) => restarts.push(r) },
    );
    const first = (await client.dispatcher.call('echo', 1, context())) as Answer;
    expect(first.ok).toBe(true);

    const died = (await client.dispatcher.call('crash', null, context())) as Answer;
    expect(died.ok).toBe(false);
    expect(died.error?.message).toContain('数据服务意外停止');
    expect(restarts).toHaveLength(1);

    const after = (await client.dispatcher.call('echo', 2, context())) as Answer;
    expect(after.ok).toBe(true);
    expect(after.data?.thread).not.toBe(first.data?.thread);

    const exited = (await client.dispatcher.call('exit', null, context())) as Answer;
    expect(exited.ok).toBe(false);
    expect(((await client.dispatcher.call('echo', 3, context())) as Answer).ok).toBe(true);
    await client.shutdown();
  });

  it('stops restarting a worker that keeps dying and says what to do', async () => {
    const client = await startCoreWorker(workerFile, { dataDir: dir, resourcesDir: dir }, { maxRestarts: 1 });
    expect(((await client.dispatcher.call('crash', null, context())) as Answer).ok).toBe(false);
    expect(((await client.dispatcher.call('crash', null, context())) as Answer).ok).toBe(false);
    const refused = (await client.dispatcher.call('echo', 1, context())) as Answer;
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toContain('请关闭并重新打开落实通');
    await client.shutdown();
  });
});
