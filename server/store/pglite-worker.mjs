// The embedded PostgreSQL (PGlite) in a worker thread of its own. PGlite runs SQL as
// WebAssembly on the thread that calls it, so in the main thread every statement would
// stall every HTTP request; here it stalls nothing but this thread. The main thread talks
// to it by messages (server/store/database.ts): query, exec, transactions by id, LISTEN.
// Plain JavaScript, so that it starts without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** An error as plain data: message, name and the fields PostgreSQL errors carry (code, detail, …). */
function serializeError(error) {
  const plain = { message: String(error?.message ?? error), name: String(error?.name ?? 'Error') };
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) plain[key] = value;
    }
  }
  return plain;
}

const post = (message) => parentPort.postMessage(message);

let db;
try {
  db = await PGlite.create(workerData.dataDir);
} catch (error) {
  post({ type: 'ready', error: serializeError(error) });
  process.exit(0);
}

/** Open transactions: id → { tx, finish(commit: boolean) }. */
const transactions = new Map();
/** LISTEN subscriptions: id → unsubscribe. */
const listeners = new Map();

async function answer(id, work) {
  try {
    post({ type: 'result', id, value: await work() });
  } catch (error) {
    post({ type: 'result', id, error: serializeError(error) });
  }
}

const ROLLBACK = Symbol('rollback');

parentPort.on('message', (message) => {
  switch (message.op) {
    case 'query':
      return answer(message.id, async () => (await db.query(message.text, message.params)).rows);
    case 'exec':
      return answer(message.id, async () => { await db.exec(message.text); });
    case 'begin': {
      // Answers `begin` once inside, then waits for commit or rollback of this transaction id.
      let began = false;
      const done = db.transaction((tx) => new Promise((resolve, reject) => {
        transactions.set(message.tx, { tx, finish: (commit) => (commit ? resolve() : reject(ROLLBACK)) });
        began = true;
        post({ type: 'result', id: message.id });
      }));
      done.then(
        () => transactions.get(message.tx)?.settled?.({}),
        (error) => transactions.get(message.tx)?.settled?.(error === ROLLBACK ? {} : { error: serializeError(error) }),
      ).finally(() => transactions.delete(message.tx));
      done.catch((error) => { if (!began) post({ type: 'result', id: message.id, error: serializeError(error) }); });
      return undefined;
    }
    case 'txQuery': {
      const open = transactions.get(message.tx);
      if (!open) return post({ type: 'result', id: message.id, error: { message: `no open transaction ${message.tx}` } });
      return answer(message.id, async () => (await open.tx.query(message.text, message.params)).rows);
    }
    case 'commit':
    case 'rollback': {
      const open = transactions.get(message.tx);
      if (!open) return post({ type: 'result', id: message.id, error: { message: `no open transaction ${message.tx}` } });
      open.settled = ({ error }) => post({ type: 'result', id: message.id, error });
      open.finish(message.op === 'commit');
      return undefined;
    }
    case 'listen':
      return answer(message.id, async () => {
        const unsubscribe = await db.listen(message.channel, (payload) => post({ type: 'notify', listener: message.listener, payload }));
        listeners.set(message.listener, unsubscribe);
      });
    case 'unlisten':
      return answer(message.id, async () => {
        await listeners.get(message.listener)?.();
        listeners.delete(message.listener);
      });
    case 'close':
      return answer(message.id, async () => { await db.close(); });
    default:
      return post({ type: 'result', id: message.id, error: { message: `unknown operation ${message.op}` } });
  }
});

post({ type: 'ready' });
