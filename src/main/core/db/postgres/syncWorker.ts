/**
 * The code of the thread that holds a process's PostgreSQL connection (syncConnection.ts). It is
 * kept as source text and started with `eval`, so it runs the same under the bundled CLI, the
 * desktop's core worker, the export workers and the tests, without a separate build entry; it
 * loads `pg` from the path the starting thread resolved. It answers one query at a time: the
 * starting thread waits for each answer (Atomics.wait), which is what keeps the services'
 * synchronous code unchanged on PostgreSQL.
 *
 * Values come back as SQLite's do, so the services read the same JavaScript from both engines:
 * bigint and numeric as numbers (every id, count and sum Luoshi stores is far below 2^53; a value
 * that is not is an error, never rounded), booleans as 1/0, bytea as bytes.
 */
export const syncWorkerSource = String.raw`
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, signal, url, connectTimeoutMs, statementTimeoutMs } = workerData;
const flag = new Int32Array(signal);

function parseInt8(value) {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error('integer out of range: ' + value);
  return n;
}
const parsers = { 20: parseInt8, 1700: Number, 16: (v) => (v === 't' ? 1 : 0) };
const types = {
  getTypeParser(oid, format) {
    if (format !== 'binary' && parsers[oid]) return parsers[oid];
    return pg.types.getTypeParser(oid, format || 'text');
  },
};

function answer(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function errorOf(error) {
  return {
    message: String(error && error.message ? error.message : error),
    code: error && error.code ? String(error.code) : undefined,
    detail: error && error.detail ? String(error.detail) : undefined,
    constraint: error && error.constraint ? String(error.constraint) : undefined,
  };
}

function toParam(value) {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

const named = new Map();
const maxNamed = 2000;
let client = null;
let broken = null;

// One connection at a time. When it breaks (the server restarted, a network fault, the backend was
// terminated) the next statement outside a transaction opens a new one; inside a transaction the
// statement fails, since the transaction died with the connection and must not go on in another.
async function connect() {
  const fresh = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, types });
  fresh.on('error', (error) => { if (client === fresh) broken = error; });
  await fresh.connect();
  if (statementTimeoutMs > 0) await fresh.query('SET statement_timeout = ' + Number(statementTimeoutMs));
  client = fresh;
  broken = null;
  named.clear();
}

function isConnectionFault(error) {
  const code = error && error.code ? String(error.code) : '';
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' ||
    code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE' ||
    /Connection terminated|not queryable|ended/i.test(String(error && error.message));
}
// An exception outside a query's promise (a type parser refusing a value, a socket fault) must still
// answer the waiting thread, which would otherwise wait out its time limit; the client is not trusted after.
process.on('uncaughtException', (error) => {
  broken = error;
  answer({ ok: false, error: errorOf(error) });
});

async function run(request) {
  if (request.type === 'close') {
    if (client) await client.end().catch(() => undefined);
    answer({ ok: true, rows: [], fields: [], rowCount: 0 });
    port.close();
    return;
  }
  if (broken) {
    if (request.inTransaction) throw broken;
    const old = client;
    client = null;
    if (old) old.end().catch(() => undefined);
    await connect();
  }
  const values = (request.values || []).map(toParam);
  // The store's statements are few and fixed: each is parsed and planned once per connection (a
  // named statement). The number of named ones is capped, so statements whose text varies with
  // the request (a search with n terms) cannot make the server's memory grow without end.
  let name = named.get(request.text);
  if (name === undefined && values.length > 0 && named.size < maxNamed) {
    name = 'luoshi_' + named.size;
    named.set(request.text, name);
  }
  let result;
  try {
    result = await client.query({ text: request.text, values, rowMode: 'array', ...(name ? { name } : {}) });
  } catch (error) {
    if (isConnectionFault(error)) broken = error;
    throw error;
  }
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  answer({ ok: true, rows: last.rows || [], fields: (last.fields || []).map((f) => f.name), rowCount: last.rowCount == null ? 0 : last.rowCount });
}

(async () => {
  try {
    await connect();
    answer({ ok: true, rows: [], fields: [], rowCount: 0 });
  } catch (error) {
    answer({ ok: false, error: errorOf(error) });
    port.close();
    return;
  }
  port.on('message', (request) => {
    run(request).catch((error) => answer({ ok: false, error: errorOf(error) }));
  });
})();
`;
