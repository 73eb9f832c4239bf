import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { syncWorkerSource } from './syncWorker';

/**
 * A PostgreSQL connection the calling thread uses synchronously: the `pg` client lives on a
 * helper thread (syncWorker.ts) and every query waits for its answer with Atomics.wait. This is
 * the design argued in the README (PostgreSQL section): the services stay one synchronous code
 * path over both engines, and a server process answers one request at a time, as it does on
 * SQLite; concurrency on PostgreSQL comes from several processes (`serve --workers`).
 */
export interface QueryAnswer {
  fields: readonly string[];
  rows: readonly (readonly unknown[])[];
  rowCount: number;
}

export class PostgresQueryError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly constraint: string | undefined;
  constructor(error: { message: string; code?: string; detail?: string; constraint?: string }) {
    super(error.message);
    this.name = 'PostgresQueryError';
    this.code = error.code;
    this.detail = error.detail;
    this.constraint = error.constraint;
  }
}

type WorkerAnswer =
  | { ok: true; fields: string[]; rows: unknown[][]; rowCount: number }
  | { ok: false; error: { message: string; code?: string; detail?: string; constraint?: string } };

export interface SyncConnectionOptions {
  connectTimeoutMs?: number;
  /** PostgreSQL's statement_timeout for this connection (default 60 s). */
  statementTimeoutMs?: number;
}

export class SyncPostgresConnection {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private readonly waitMs: number;
  private closed = false;

  constructor(url: string, options: SyncConnectionOptions = {}) {
    const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
    // The longest a query may take before the waiting thread gives up: the server's own limit plus slack.
    this.waitMs = Math.max(connectTimeoutMs, statementTimeoutMs) + 15_000;
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(syncWorkerSource, {
      eval: true,
      workerData: { port: port2, signal, url, connectTimeoutMs, statementTimeoutMs, pgPath: resolvePg() },
      transferList: [port2],
    });
    // The worker is waited for synchronously, so it must not keep the process alive by itself.
    this.worker.unref();
    const ready = this.wait();
    if (!ready.ok) {
      this.closed = true;
      void this.worker.terminate();
      throw new PostgresQueryError(ready.error);
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * One statement. `inTransaction`: the caller is inside a transaction, so a broken connection must
   * fail the statement rather than be replaced (outside one, the helper thread reconnects).
   */
  query(text: string, values: readonly unknown[] = [], inTransaction = false): QueryAnswer {
    if (this.closed) throw new PostgresQueryError({ message: 'The database connection is not open' });
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ type: 'query', text, values, inTransaction });
    const answer = this.wait();
    if (!answer.ok) throw new PostgresQueryError(answer.error);
    return { fields: answer.fields, rows: answer.rows.map(restoreBytes), rowCount: answer.rowCount };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ type: 'close' });
    try {
      this.wait();
    } finally {
      this.port.close();
      void this.worker.terminate();
    }
  }

  private wait(): WorkerAnswer {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received) return received.message as WorkerAnswer;
      const left = deadline - Date.now();
      // A wake-up without an answer is the previous answer's notify arriving late: wait again.
      if (left <= 0 || Atomics.wait(this.flag, 0, 0, left) === 'timed-out') break;
    }
    const received = receiveMessageOnPort(this.port);
    if (received) return received.message as WorkerAnswer;
    this.closed = true;
    void this.worker.terminate();
    throw new PostgresQueryError({
      message: `PostgreSQL connection lost (no answer within ${Math.round(this.waitMs / 1000)} s)`,
      code: 'LUOSHI_CONNECTION_LOST',
    });
  }
}

/** Bytes cross the thread as Uint8Array; the services expect Buffers, as better-sqlite3 gives. */
function restoreBytes(row: unknown[]): unknown[] {
  for (let i = 0; i < row.length; i += 1) {
    const value = row[i];
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
      row[i] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return row;
}

/** Where `pg` is, for the worker's require: found from this bundle, the entry script or the working folder. */
function resolvePg(): string {
  const anchors = [typeof __filename === 'string' ? __filename : undefined, process.argv[1], join(process.cwd(), 'x')];
  for (const anchor of anchors) {
    if (!anchor) continue;
    try {
      return createRequire(anchor).resolve('pg');
    } catch {
      // try the next anchor
    }
  }
  throw new Error('The pg package was not found (npm install)');
}
