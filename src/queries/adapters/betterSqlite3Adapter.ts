import { addReturnedRows, finishQuery, recordQuery } from '../recordQuery.js';
import type { RecordedQuery } from '../spyState.js';
import { hookMethod } from '../hookMethod.js';
import { loadedModule } from '../loadedModule.js';
import { ownerOf } from '../ownerOf.js';
import type { QueryAdapter } from './adapters.js';
import { spyState } from '../spyState.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The part of a better-sqlite3 Database the adapter uses. */
interface SqliteDatabase {
  prepare(source: string): object;
  close(): unknown;
}

function rowsOf(method: string, result: unknown): number | undefined {
  if (method === 'all') return Array.isArray(result) ? result.length : undefined;
  if (method === 'get') return result === undefined ? 0 : 1;
  if (method === 'run') return (result as { changes?: number } | undefined)?.changes;
  return undefined;
}

function returnedRowsOf(method: string, result: unknown): number | undefined {
  if (method === 'all') return Array.isArray(result) ? result.length : undefined;
  if (method === 'get') return result === undefined ? 0 : 1;
  if (method === 'run') return 0;
  return undefined;
}

// iterate() hands back rows one at a time: each counts when the application takes it.
function countingIterator(iterator: Iterator<unknown> & Iterable<unknown>, query: RecordedQuery | undefined): unknown {
  if (query === undefined) return iterator;
  query.returnedRows = 0;
  const next = iterator.next.bind(iterator);
  iterator.next = (...args: [] | [undefined]) => {
    const step = next(...args);
    if (step.done !== true) addReturnedRows(query, 1);
    return step;
  };
  return iterator;
}

// Statements run synchronously: the whole call is the round trip.
function wrapStatement(method: string): (original: Method) => Method {
  return (original) =>
    function (this: unknown, ...args: unknown[]): unknown {
      if (spyState.als.getStore() === undefined) return original.apply(this, args);
      const source = (this as { source?: unknown }).source;
      const params = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
      const query = recordQuery('better-sqlite3', 'sqlite', 'query', typeof source === 'string' ? source : '', params);
      try {
        const result = original.apply(this, args);
        finishQuery(query, rowsOf(method, result), false, returnedRowsOf(method, result));
        return method === 'iterate' ? countingIterator(result as Iterator<unknown> & Iterable<unknown>, query) : result;
      } catch (error) {
        finishQuery(query, undefined, true);
        throw error;
      }
    };
}

function wrapExec(original: Method): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    if (spyState.als.getStore() === undefined) return original.apply(this, args);
    const query = recordQuery('better-sqlite3', 'sqlite', 'query', String(args[0]), []);
    try {
      const result = original.apply(this, args);
      finishQuery(query, undefined, false, 0);
      return result;
    } catch (error) {
      finishQuery(query, undefined, true);
      throw error;
    }
  };
}

// SQLite compiles a statement in prepare(): one that fails there has reached the database and failed, so it
// counts like a statement that fails when run. A successful prepare is counted when it runs.
function wrapPrepare(original: Method): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    if (spyState.als.getStore() === undefined) return original.apply(this, args);
    try {
      return original.apply(this, args);
    } catch (error) {
      finishQuery(recordQuery('better-sqlite3', 'sqlite', 'query', String(args[0]), []), undefined, true);
      throw error;
    }
  };
}

function hookDatabaseClass(databasePrototype: object, statementPrototype: object, permanent: boolean): (() => void)[] {
  const releases: (() => void)[] = [];
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const owner = ownerOf(statementPrototype, method);
    if (owner !== undefined) releases.push(hookMethod('better-sqlite3', owner, method, wrapStatement(method), permanent));
  }
  const execOwner = ownerOf(databasePrototype, 'exec');
  if (execOwner !== undefined) releases.push(hookMethod('better-sqlite3', execOwner, 'exec', wrapExec, permanent));
  const prepareOwner = ownerOf(databasePrototype, 'prepare');
  if (prepareOwner !== undefined) releases.push(hookMethod('better-sqlite3', prepareOwner, 'prepare', wrapPrepare, permanent));
  return releases;
}

// The Statement class is not exported, so it is read off a statement of a scratch in-memory database.
/**
 * Hooks better-sqlite3: `Statement#run/get/all/iterate` (what `prepare`, `pragma` and `transaction` run),
 * `Database#exec`, and `Database#prepare` for statements that fail to compile.
 *
 * @example
 * betterSqlite3Adapter.install();
 */
export const betterSqlite3Adapter: QueryAdapter = {
  name: 'better-sqlite3',
  install() {
    const Database = loadedModule('better-sqlite3') as (new (filename: string) => SqliteDatabase) | undefined;
    if (typeof Database !== 'function') return;
    const key = 'better-sqlite3:zero-config';
    if (spyState.installed.has(key)) return;
    const scratch = new Database(':memory:');
    try {
      hookDatabaseClass(Database.prototype, Object.getPrototypeOf(scratch.prepare('SELECT 1')) as object, true);
    } finally {
      scratch.close();
    }
    spyState.installed.set(key, { refs: 1, undo: () => undefined, permanent: true });
  },
  track(target) {
    const constructor = target as { prototype?: { prepare?: unknown; pragma?: unknown } };
    if (typeof target === 'function' && typeof constructor.prototype?.prepare === 'function' && typeof constructor.prototype.pragma === 'function') {
      // The Database class itself, as ORMs hold it (knex `client.driver`).
      const scratch = new (target as new (filename: string) => SqliteDatabase)(':memory:');
      try {
        const releases = hookDatabaseClass(constructor.prototype, Object.getPrototypeOf(scratch.prepare('SELECT 1')) as object, false);
        return () => releases.forEach((release) => release());
      } finally {
        scratch.close();
      }
    }
    const database = target as Partial<SqliteDatabase> & { pragma?: unknown; inTransaction?: unknown };
    if (typeof database.prepare !== 'function' || typeof database.pragma !== 'function' || typeof database.inTransaction !== 'boolean') return undefined;
    const statement = database.prepare.call(target, 'SELECT 1');
    const releases = hookDatabaseClass(Object.getPrototypeOf(target) as object, Object.getPrototypeOf(statement) as object, false);
    return () => releases.forEach((release) => release());
  },
};
