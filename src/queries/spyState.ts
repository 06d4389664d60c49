import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryScope } from './QueryScope.js';

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
