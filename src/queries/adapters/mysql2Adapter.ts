import { bindPoolCallback } from '../bindPoolCallback.js';
import { finishQuery, recordQuery } from '../recordQuery.js';
import { hookMethod } from '../hookMethod.js';
import { loadedModule } from '../loadedModule.js';
import { ownerOf } from '../ownerOf.js';
import type { QueryAdapter } from './adapters.js';
import type { RecordedQuery } from '../spyState.js';
import { subscribeTracing } from '../subscribeTracing.js';
import { warnIfSilent } from '../warnIfSilent.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

const inFlight = new WeakMap<object, RecordedQuery>();

function rowsOf(result: unknown): number | undefined {
  if (Array.isArray(result)) return result.length;
  const affected = (result as { affectedRows?: unknown } | undefined)?.affectedRows;
  return typeof affected === 'number' ? affected : undefined;
}

// A result is the rows of a SELECT (an array), or a ResultSetHeader for a write (no rows back). A query in
// event-emitter mode (`.stream()`, `.on('result')`) ends with no result: its rows are unknown to the spy.
function returnedRowsOf(result: unknown): number | undefined {
  if (Array.isArray(result)) return result.length;
  return typeof (result as { affectedRows?: unknown } | undefined)?.affectedRows === 'number' ? 0 : undefined;
}

// mysql2 (3.20 and newer) publishes mysql2:query and mysql2:execute itself (one event per statement sent, at the
// call, in the caller's context), so no patch is needed for counting. One hook per driver: no patch is ever added
// beside the channels, so nothing counts twice.
const handlers = {
  start(context: Record<string, unknown>) {
    const values = context['values'];
    const text = typeof context['query'] === 'string' ? context['query'] : String(context['query']);
    const query = recordQuery('mysql2', 'mysql', 'query', text, Array.isArray(values) ? values : values === undefined ? [] : [values]);
    if (query !== undefined) inFlight.set(context, query);
  },
  asyncEnd(context: Record<string, unknown>) {
    finishQuery(inFlight.get(context), rowsOf(context['result']), context['error'] !== undefined, returnedRowsOf(context['result']));
  },
  error(context: Record<string, unknown>) {
    finishQuery(inFlight.get(context), undefined, true);
  },
};

function wrapGetConnection(original: Method): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    if (typeof args[0] === 'function') args[0] = bindPoolCallback(args[0] as Method);
    return original.apply(this, args);
  };
}

function hookPool(poolPrototype: object | undefined, permanent: boolean): (() => void)[] {
  const owner = ownerOf(poolPrototype, 'getConnection');
  return owner === undefined ? [] : [hookMethod('mysql2', owner, 'getConnection', wrapGetConnection, permanent)];
}

function subscribe(permanent: boolean): (() => void)[] {
  return [subscribeTracing('mysql2:query', handlers, permanent), subscribeTracing('mysql2:execute', handlers, permanent)];
}

/**
 * Counts mysql2 statements (query and execute, connections and pools, callback and promise APIs) from its
 * `mysql2:query` and `mysql2:execute` tracing channels, and binds the pool's waiting callbacks to their callers.
 *
 * @example
 * mysql2Adapter.install();
 */
export const mysql2Adapter: QueryAdapter = {
  name: 'mysql2',
  install() {
    subscribe(true);
    warnIfSilent('mysql2', '/mysql2/lib/tracing.js', 'mysql2 3.20.0');
    const mysql = loadedModule('mysql2') as { Pool?: { prototype: object } } | undefined;
    if (mysql !== undefined) hookPool(mysql.Pool?.prototype, true);
  },
  track(target) {
    const module = target as { createPool?: unknown; createConnection?: unknown; Pool?: { prototype: object } };
    if (typeof module.createPool === 'function' && typeof module.createConnection === 'function' && module.Pool !== undefined) {
      const releases = [...subscribe(false), ...hookPool(module.Pool.prototype, false)];
      return () => releases.forEach((release) => release());
    }
    // A core connection (its prepared-statement cache) or a core pool (its connection queues); the promise
    // wrappers hold those under `connection` and `pool`, which trackQueries follows.
    const candidate = target as { execute?: unknown; _statements?: unknown; getConnection?: unknown; _allConnections?: unknown; _connectionQueue?: unknown };
    const isConnection = typeof candidate.execute === 'function' && candidate._statements !== undefined;
    const isPool = typeof candidate.getConnection === 'function' && candidate._allConnections !== undefined && candidate._connectionQueue !== undefined;
    if (!isConnection && !isPool) return undefined;
    const releases = [...subscribe(false), ...(isPool ? hookPool(Object.getPrototypeOf(target) as object, false) : [])];
    return () => releases.forEach((release) => release());
  },
};
