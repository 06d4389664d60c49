import { nativeClock } from '../time/nativeClock.js';
import type { Clock } from '../time/nativeClock.js';
import { isSizedWorkload, toWorkload } from '../workload.js';
import type { SizedWorkload, Workload } from '../workload.js';
import { exclusiveHeap } from './exclusiveHeap.js';
import { nativeHeapProbe } from './nativeHeapProbe.js';
import type { HeapProbe } from './nativeHeapProbe.js';

/**
 * How far a heap measurement given no cap may stretch its default cap (ms) when this process's gcs and heap walks
 * are too slow for the least evidence: a ts-jest worker holds ~250 MB, so four full gcs take 1–2 s there under
 * load. It stays below the 5 s test timeout of Vitest and Jest.
 */
export const defaultStretchToMs = 4000;

/** What `startHeapRun` hands a heap measurement: its workload, heap and clock, and its time so far against the cap. */
export interface HeapRun {
  workload: Workload;
  probe: HeapProbe;
  clock: Clock;
  /** The cap in ns (`ns`), which the measurement may raise up to `stretchNs` when the least evidence needs it. */
  cap: { ns: number; stretchNs: number };
  /** Wall ns since the run started. */
  elapsed(): number;
  /** Ms left before the cap, at least 1: how long a pending call may still be awaited. */
  remainingMs(): number;
  /** The name errors start with. */
  label: string;
}

/**
 * The common start of `measureAllocation` and `measureRetention`: checks `received`, resolves it at input size n,
 * takes the heap and clock given (else the process's own), waits its turn (heap measurements in one process run
 * one at a time: see `exclusiveHeap`) and then runs `measure` with the clock started against a cap of `maxTimeMs`
 * ms (else `defaultMaxTimeMs`, which may stretch to `stretchToMs`, by default 4000 ms).
 *
 * @param caller - the engine function, named in errors unless `options.label` names a matcher.
 * @param received - the function or sized workload.
 * @param options - `n`, `maxTimeMs` and `stretchToMs` (ms), `label`, the heap `probe` and the `clock`.
 * @param defaultMaxTimeMs - the caller's own default cap, in ms.
 * @param measure - the measurement, given the run.
 * @example
 * return startHeapRun('measureAllocation', () => encode(msg), {}, 1000, (run) => measureOnce(run));
 */
export async function startHeapRun<T>(
  caller: string,
  received: unknown,
  options: { n?: number; maxTimeMs?: number; stretchToMs?: number; label?: string; probe?: HeapProbe; clock?: Clock },
  defaultMaxTimeMs: number,
  measure: (run: HeapRun) => Promise<T>,
): Promise<T> {
  if (typeof received !== 'function' && !isSizedWorkload(received)) {
    throw new TypeError(`${caller}: received must be a function or a sized workload`);
  }
  // run's parameter makes SizedWorkload<Input> invariant; the engine only ever passes run what setup built.
  const workload = toWorkload(received as (() => unknown) | SizedWorkload<unknown>, options.n, options.maxTimeMs ?? defaultMaxTimeMs);
  const label = options.label ?? caller;
  const probe = options.probe ?? nativeHeapProbe();
  const clock = options.clock ?? nativeClock;
  const capNs = (options.maxTimeMs ?? defaultMaxTimeMs) * 1e6;
  const stretchToMs = options.stretchToMs ?? (options.maxTimeMs === undefined ? defaultStretchToMs : 0);
  return exclusiveHeap(label, () => {
    const cap = { ns: capNs, stretchNs: Math.max(capNs, stretchToMs * 1e6) };
    const start = clock.wallNs();
    const elapsed = (): number => clock.wallNs() - start;
    return measure({ workload, probe, clock, cap, elapsed, remainingMs: () => Math.max(1, (cap.ns - elapsed()) / 1e6), label });
  });
}
