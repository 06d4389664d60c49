import { nativeClock } from '../time/nativeClock.js';
import type { Clock } from '../time/nativeClock.js';
import { isSizedWorkload, toWorkload } from '../workload.js';
import type { SizedWorkload, Workload } from '../workload.js';
import { nativeHeapProbe } from './nativeHeapProbe.js';
import type { HeapProbe } from './nativeHeapProbe.js';

/** What `startHeapRun` hands a heap measurement: its workload, heap and clock, and its time so far against the cap. */
export interface HeapRun {
  workload: Workload;
  probe: HeapProbe;
  clock: Clock;
  /** The cap in ns. */
  capNs: number;
  /** Wall ns since the run started. */
  elapsed(): number;
  /** Ms left before the cap, at least 1: how long a pending call may still be awaited. */
  remainingMs(): number;
}

/**
 * The common start of `measureAllocation` and `measureRetention`: checks `received`, resolves it at input size n,
 * takes the heap and clock given (else the process's own) and starts the clock against a cap of `maxTimeMs` ms.
 *
 * @example
 * const { workload, probe, elapsed } = startHeapRun('measureAllocation', () => encode(msg), {}, 1000);
 */
export function startHeapRun(
  caller: string,
  received: unknown,
  options: { n?: number; probe?: HeapProbe; clock?: Clock },
  maxTimeMs: number,
): HeapRun {
  if (typeof received !== 'function' && !isSizedWorkload(received)) {
    throw new TypeError(`${caller}: received must be a function or a sized workload`);
  }
  // run's parameter makes SizedWorkload<Input> invariant; the engine only ever passes run what setup built.
  const workload = toWorkload(received as (() => unknown) | SizedWorkload<unknown>, options.n);
  const probe = options.probe ?? nativeHeapProbe();
  const clock = options.clock ?? nativeClock;
  const capNs = maxTimeMs * 1e6;
  const start = clock.wallNs();
  const elapsed = (): number => clock.wallNs() - start;
  return { workload, probe, clock, capNs, elapsed, remainingMs: () => Math.max(1, (capNs - elapsed()) / 1e6) };
}
