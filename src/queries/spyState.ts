import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The spy's mutable record of one statement while it runs; `toQueryEvent` turns it into the public `QueryEvent`.
 *
 * @example
 * const query = recordQuery('pg', 'postgresql', 'query', text, params);
 */
export interface RecordedQuery {
  readonly kind: 'query' | 'request';
  readonly system: string;
  readonly driver: string;
  readonly text: string;
  readonly params: readonly unknown[];
  /** performance.now() at issue, in ms. */
  readonly startMs: number;
  /** An object holding a captured stack trace (`Error.captureStackTrace`), formatted only when shown. */
  readonly stack: { stack?: string } | undefined;
  durationMs: number | undefined;
  rows: number | undefined;
  /** Rows the database sent back to the application so far (cursor and iterator rows add up as they arrive); undefined when the driver does not say. */
  returnedRows: number | undefined;
  failed: boolean;
}
/**
 * The AsyncLocalStorage store of one measurement: while `open`, statements issued in its async context are
 * recorded; after the call settled, they go to `late`.
 *
 * @example
 * spyState.als.run(scope, () => fn());
 */
export interface QueryScope {
  open: boolean;
  readonly recorded: RecordedQuery[];
  readonly late: RecordedQuery[];
  /** The first stack captured for each distinct text: capturing costs ~2 µs, so repeats share it. */
  readonly stacks: Map<string, { stack?: string }>;
  /** Set on a child scope by `runWithCallerStack`: the stack of the driver call that issues the statements below it. */
  callerStack?: { stack?: string };
  /** Where each promise made inside the measurement began (its stack) and what it continued: the way back to the
   * caller's code when a thenable's `then`, run from a microtask, issues the statement (drizzle). */
  origins?: Map<number, PromiseOrigin>;
}

/**
 * The stack captured where a promise was made during a measurement, and the async resource it continued.
 *
 * @example
 * scope.origins?.set(asyncId, { holder, triggerAsyncId });
 */
export interface PromiseOrigin {
  readonly holder: { stack?: string };
  readonly triggerAsyncId: number;
}

/** One patch or subscription in force; `intact` tells whether a patch is still in place, `install` puts it back. */
interface InstalledHook {
  refs: number;
  undo: () => void;
  permanent: boolean;
  readonly install?: () => (() => void) | { undo: () => void; intact: () => boolean };
  intact?: () => boolean;
}

interface SpyState {
  readonly als: AsyncLocalStorage<QueryScope>;
  /** A stack captured where a pooled call was made, lent to the statement that the pool's callback issues later. */
  callerStack: { stack?: string } | undefined;
  /** Patches and subscriptions in force, by key (e.g. `pg:query#3`), with how many holders keep each. */
  readonly installed: Map<string, InstalledHook>;
  /** Keys of hooked methods running right now: a hook that finds its own key here passes the call through. */
  readonly passing: Set<string>;
  /** Ids for prototypes, so that hooks on different classes of one driver get different keys. */
  readonly ids: WeakMap<object, number>;
  nextId: number;
  /** Zero-config hooking before each measurement; perfspec's own tests turn it off to watch `trackQueries` alone. */
  autoInstall: boolean;
}

const key = Symbol.for('perfspec.querySpy.v1');
const holder = globalThis as { [key]?: SpyState };

// It lives on globalThis under a registered symbol because the ESM and CJS builds of perfspec, and Vitest's per-file
// module graphs, may all load in one process while the drivers (and their prototypes) load once: one patch and one
// scope store per process, or every statement would count twice.
/**
 * The query spy's process-wide state: the scope store, the hooks in force and the zero-config switch.
 *
 * @example
 * const scope = spyState.als.getStore();
 */
export const spyState: SpyState = (holder[key] ??= {
  als: new AsyncLocalStorage<QueryScope>(),
  callerStack: undefined,
  installed: new Map(),
  passing: new Set(),
  ids: new WeakMap(),
  nextId: 1,
  autoInstall: true,
});
