import type { Clock } from '../engine/Clock.js';
import type { HeapProbe } from '../engine/HeapProbe.js';

/**
 * Collaborators that perfspec's own tests substitute (a fake clock, a fixed machine load, a fake heap, no CPU
 * profiles on a fake clock). Empty in
 * normal use; not exported from the package.
 *
 * @example
 * engineOverrides.clock = fakeClock;
 */
export const engineOverrides: { clock?: Clock; loadPerCore?: () => number; heapProbe?: HeapProbe; profile?: boolean } = {};
