import { bindPoolCallback } from '../bindPoolCallback.js';
import { addReturnedRows, finishQuery, recordQuery } from '../recordQuery.js';
import type { RecordedQuery } from '../spyState.js';
import { hookMethod } from '../hookMethod.js';
import { loadedModule } from '../loadedModule.js';
import { ownerOf } from '../ownerOf.js';
import type { QueryAdapter } from './adapters.js';
import { spyState } from '../spyState.js';
import { isThenable } from '../../engine/workload.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The part of a pg result the spy reads. */
interface PgResult {
  rowCount?: number | null;
  rows?: unknown[];
}

function rowsOf(result: unknown): number | undefined {
  const results = (Array.isArray(result) ? result : [result]) as (PgResult | undefined)[];
  let total: number | undefined;
  for (const r of results) {
    const count = r?.rowCount ?? r?.rows?.length;
    if (typeof count === 'number') total = (total ?? 0) + count;
  }
  return total;
}

function returnedRowsOf(result: unknown): number {
  const results = (Array.isArray(result) ? result : [result]) as (PgResult | undefined)[];
  return results.reduce((sum, r) => sum + (Array.isArray(r?.rows) ? r.rows.length : 0), 0);
}

// A submittable (pg.Query, pg-cursor, pg-query-stream) gets each DataRow from the client through handleDataRow:
// counting there counts a cursor's rows as they arrive, whether or not anyone keeps them.
function countSubmittedRows(submittable: object, query: RecordedQuery | undefined): void {
  const target = submittable as { handleDataRow?: unknown };
  if (query === undefined || typeof target.handleDataRow !== 'function') return;
  const original = target.handleDataRow as Method;
  query.returnedRows = 0;
  target.handleDataRow = function (this: unknown, ...args: unknown[]): unknown {
    addReturnedRows(query, 1);
    return original.apply(this, args);
  };
}

// pg sends one statement per Client#query call (pg-pool's query and every ORM end there), so that is the one place
// to count. pg publishes no diagnostics_channel events, and perfspec subscribes to none for it: one hook per driver,
// so a pg that starts publishing is still counted once.
function wrapQuery(original: Method): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    if (spyState.als.getStore() === undefined) return original.apply(this, args);
    const [config, values] = args;
    const object = (typeof config === 'object' && config !== null ? config : {}) as { text?: unknown; values?: unknown };
    const text = typeof config === 'string' ? config : typeof object.text === 'string' ? object.text : String(config);
    const params = Array.isArray(values) ? values : Array.isArray(object.values) ? (object.values as unknown[]) : [];
    const query = recordQuery('pg', 'postgresql', 'query', text, params);
    const submittable = typeof (object as { submit?: unknown }).submit === 'function';
    if (submittable) countSubmittedRows(object, query);
    const returned = (result: unknown): number | undefined => (submittable ? undefined : returnedRowsOf(result));
    const last = args.length - 1;
    if (typeof args[last] === 'function' && last > 0) {
      const callback = args[last] as Method;
      args[last] = function (this: unknown, error: unknown, result: unknown): unknown {
        finishQuery(query, error ? undefined : rowsOf(result), Boolean(error), error ? undefined : returned(result));
        return callback.call(this, error, result);
      };
    }
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      finishQuery(query, undefined, true);
      throw error;
    }
    if (isThenable(result)) {
      result.then(
        (value) => finishQuery(query, rowsOf(value), false, returned(value)),
        () => finishQuery(query, undefined, true),
      );
    }
    return result;
  };
}

function wrapConnect(original: Method): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    if (typeof args[0] === 'function') args[0] = bindPoolCallback(args[0] as Method);
    return original.apply(this, args);
  };
}

function hookClasses(client: object | undefined, pool: object | undefined, permanent: boolean): (() => void)[] {
  const releases: (() => void)[] = [];
  const queryOwner = ownerOf(client, 'query');
  if (queryOwner !== undefined) releases.push(hookMethod('pg', queryOwner, 'query', wrapQuery, permanent));
  const connectOwner = ownerOf(pool, 'connect');
  if (connectOwner !== undefined) releases.push(hookMethod('pg', connectOwner, 'connect', wrapConnect, permanent));
  return releases;
}

/**
 * Hooks node-postgres: `Client.prototype.query` (every statement, from a client or a pool) and pg-pool's
 * `connect` (binds waiting callbacks to their caller's context).
 *
 * @example
 * pgAdapter.install();
 */
export const pgAdapter: QueryAdapter = {
  name: 'pg',
  install() {
    const pg = loadedModule('pg') as { Client?: { prototype: object }; Pool?: { prototype: object } } | undefined;
    if (pg === undefined) return;
    hookClasses(pg.Client?.prototype, pg.Pool?.prototype, true);
  },
  track(target) {
    const candidate = target as { connectionParameters?: unknown; _pendingQueue?: unknown; Client?: { prototype: object } };
    let releases: (() => void)[] | undefined;
    const module = target as { Client?: unknown; Pool?: unknown; Query?: unknown };
    if (typeof module.Client === 'function' && typeof module.Pool === 'function' && typeof module.Query === 'function') {
      // The pg module itself, as ORMs hold it (knex `client.driver`, Sequelize `connectionManager.lib`).
      releases = hookClasses(module.Client.prototype as object, module.Pool.prototype as object, false);
    } else if (candidate.connectionParameters !== undefined && typeof (target as { query?: unknown }).query === 'function') {
      releases = hookClasses(Object.getPrototypeOf(target) as object, undefined, false);
    } else if (Array.isArray(candidate._pendingQueue) && candidate.Client !== undefined) {
      releases = hookClasses(candidate.Client.prototype, Object.getPrototypeOf(target) as object, false);
    }
    return releases === undefined ? undefined : () => releases.forEach((release) => release());
  },
};
