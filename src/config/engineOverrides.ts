import type { Clock } from '../engine/time/nativeClock.js';
import type { HeapProbe } from '../engine/heap/nativeHeapProbe.js';

/**
 * Collaborators that perfspec's own tests substitute (a fake clock, a fixed machine load, a fake heap). Empty in
 * normal use; not exported from the package.
 *
 * @example
 * engineOverrides.clock = fakeClock;
 */
export const engineOverrides: { clock?: Clock; loadPerCore?: () => number; heapProbe?: HeapProbe } = {};
