import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isThenable } from '../../engine/workload.js';
import type { QueryAdapter } from './adapters.js';
import { hookMethod } from '../hookMethod.js';
import { loadedModule } from '../loadedModule.js';
import { ownerOf } from '../ownerOf.js';
import { finishQuery, recordQuery } from '../recordQuery.js';
import type { RecordedQuery } from '../spyState.js';
import { spyState } from '../spyState.js';
import type { QueryScope } from '../spyState.js';
import { captureCallerStack } from '../captureCallerStack.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

const decoder = new TextDecoder();
// PGlite runs one protocol exchange at a time per database (its own mutex), so one open statement per instance.
const open = new WeakMap<object, RecordedQuery>();
const rowsSeen = new WeakMap<RecordedQuery, number>();

function cString(bytes: Uint8Array, start: number): [string, number] {
  let end = start;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return [decoder.decode(bytes.subarray(start, end)), end + 1];
}

function bindValues(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = cString(bytes, cString(bytes, 5)[1])[1];
  const formats = view.getInt16(at);
  at += 2 + 2 * formats;
  const count = view.getInt16(at);
  at += 2;
  const values: string[] = [];
  for (let i = 0; i < count && at + 4 <= bytes.length; i++) {
    const length = view.getInt32(at);
    at += 4;
    if (length < 0) values.push('NULL');
    else {
      values.push(decoder.decode(bytes.subarray(at, at + length)));
      at += length;
    }
  }
  return values;
}

function countRows(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  return messages.filter((m) => (m as { name?: unknown } | undefined)?.name === 'dataRow').length;
}

// The wire protocol is what reaches Postgres: a Parse ('P') opens an extended-protocol statement (query(), sql,
// tx.query), a simple Query ('Q') is exec() and the BEGIN/COMMIT/ROLLBACK that transaction() sends itself, and
// Sync ('S') ends either. Hooking here sees transaction() statements, which call private methods.
function wrapExecProtocolStream(original: Method): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    if (spyState.als.getStore() === undefined && open.get(this as object) === undefined) return original.apply(this, args);
    const message = args[0];
    const self = this as object;
    const type = message instanceof Uint8Array ? message[0] : undefined;
    let query = open.get(self);
    if (message instanceof Uint8Array && (type === 0x50 || type === 0x51)) {
      const text = type === 0x50 ? cString(message, cString(message, 5)[1])[0] : cString(message, 5)[0];
      const recorded = recordQuery('pglite', 'postgresql', 'query', text, []);
      if (recorded !== undefined) open.set(self, recorded);
      query = recorded;
    } else if (message instanceof Uint8Array && type === 0x42 && query !== undefined) {
      (query.params as unknown[]).push(...bindValues(message));
    }
    const settle = (failed: boolean, result: unknown): void => {
      if (query === undefined) return;
      if (failed) query.failed = true;
      rowsSeen.set(query, (rowsSeen.get(query) ?? 0) + countRows(result));
      if (type === 0x53) {
        open.delete(self);
        finishQuery(query, rowsSeen.get(query), query.failed, rowsSeen.get(query));
      }
    };
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      settle(true, undefined);
      throw error;
    }
    if (isThenable(result)) {
      result.then(
        (value) => settle(false, value),
        () => settle(true, undefined),
      );
    } else settle(false, result);
    return result;
  };
}

function wrapEntry(original: Method): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    if (spyState.als.getStore() === undefined) return original.apply(this, args);
    return runWithCallerStack(() => original.apply(this, args));
  };
}

function hookClass(prototype: object, permanent: boolean): (() => void) | undefined {
  const owner = ownerOf(prototype, 'execProtocolStream');
  if (owner === undefined) return undefined;
  const releases = [hookMethod('pglite', owner, 'execProtocolStream', wrapExecProtocolStream, permanent)];
  // Statements reach execProtocolStream after PGlite's mutex, which cuts the async stack: take the caller's
  // stack where it calls in.
  for (const entry of ['query', 'exec', 'transaction', 'describeQuery']) {
    const entryOwner = ownerOf(prototype, entry);
    if (entryOwner !== undefined) releases.push(hookMethod('pglite', entryOwner, entry, wrapEntry, permanent));
  }
  return () => releases.forEach((release) => release());
}

function requireFromProject(name: string): unknown {
  try {
    return createRequire(join(process.cwd(), 'noop.js'))(name) as unknown;
  } catch {
    return undefined;
  }
}

async function pgliteClasses(): Promise<object[]> {
  const classes: object[] = [];
  try {
    // The ESM and CommonJS builds of PGlite are separate classes: hook both.
    const esm = (await import('@electric-sql/pglite')) as { PGlite?: { prototype: object } };
    if (esm.PGlite !== undefined) classes.push(esm.PGlite.prototype);
  } catch {
    // not installed
  }
  const cjs = (loadedModule('@electric-sql/pglite') ?? requireFromProject('@electric-sql/pglite')) as { PGlite?: { prototype: object } } | undefined;
  if (cjs?.PGlite !== undefined && !classes.includes(cjs.PGlite.prototype)) classes.push(cjs.PGlite.prototype);
  return classes;
}

/**
 * Hooks PGlite (`@electric-sql/pglite`, ESM and CommonJS builds) at `execProtocolStream`, where every statement of
 * `query`, `sql`, `exec` and `transaction()` passes as a wire-protocol message.
 *
 * @example
 * await pgliteAdapter.install();
 */
export const pgliteAdapter: QueryAdapter = {
  name: 'pglite',
  async install() {
    const key = 'pglite:zero-config';
    if (spyState.installed.has(key)) return;
    spyState.installed.set(key, { refs: 1, undo: () => undefined, permanent: true });
    for (const prototype of await pgliteClasses()) hookClass(prototype, true);
  },
  track(target) {
    if (typeof (target as { execProtocolStream?: unknown }).execProtocolStream !== 'function') return undefined;
    return hookClass(Object.getPrototypeOf(target) as object, false);
  },
};

// For drivers whose statements are sent after a queue or mutex that cuts the async stack (PGlite): without it the
// call site would show only driver frames. The child scope shares the measurement's records through its prototype.
/**
 * Runs a driver's public method with the caller's stack captured at entry and carried in the async context.
 *
 * @example
 * return runWithCallerStack(() => original.apply(this, args));
 */
function runWithCallerStack<T>(fn: () => T): T {
  const scope = spyState.als.getStore();
  if (scope === undefined || scope.callerStack !== undefined) return fn();
  const stack = captureCallerStack(runWithCallerStack);
  const child = Object.create(scope) as QueryScope;
  child.callerStack = stack;
  return spyState.als.run(child, fn);
}
