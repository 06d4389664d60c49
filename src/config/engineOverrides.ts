import type { HeapProbe } from '../engine/heap/nativeHeapProbe.js';
import type { Clock } from '../engine/time/nativeClock.js';

/** The collaborators of the engine that perfspec's own tests may substitute. */
export interface EngineOverrides {
  clock?: Clock;
  loadPerCore?: () => number;
  heapProbe?: HeapProbe;
}

/**
 * Collaborators that perfspec's own tests substitute (a fake clock, a fixed machine load, a fake heap). Empty in
 * normal use; not exported from the package. Read it through `overrides()`.
 *
 * @example
 * engineOverrides.clock = fakeClock;
 */
export const engineOverrides: EngineOverrides = {};

/**
 * The overrides named in `keys` that are set, and no others: an object to spread into an engine call's options
 * (with `exactOptionalPropertyTypes`, an absent key and a key set to undefined differ).
 *
 * @example
 * await judgeTime(workload, budgetNs, { statistic, ...overrides('clock', 'loadPerCore') });
 */
export function overrides<K extends keyof EngineOverrides>(...keys: K[]): Pick<EngineOverrides, K> {
  return Object.fromEntries(keys.filter((key) => engineOverrides[key] !== undefined).map((key) => [key, engineOverrides[key]])) as Pick<EngineOverrides, K>;
}
