import { isThenable } from '../workload.js';
import type { Workload } from '../workload.js';
import { measureBlocking } from './measureBlocking.js';
import type { BlockingClock, BlockingMeasurement } from './measureBlocking.js';

/**
 * Options of `judgeBlocking`.
 *
 * @example
 * await judgeBlocking(workload, 10e6, { calls: 3, maxTimeMs: 10_000 });
 */
export interface JudgeBlockingOptions {
  /** Measured calls after one unmeasured warm-up call (default 3); the verdict is on their median. */
  calls?: number;
  /** Abandon a call after this many ms (default 10 000). */
  maxTimeMs?: number;
  /** After a failure, run one more call under the CPU profiler to name what ran in each long stretch (default true). */
  profile?: boolean;
  clock?: BlockingClock;
}

/**
 * The verdict of `judgeBlocking`: the longest blocked stretch of each measured call (ns), their median, whether it
 * is within the budget, and the measurement of the call whose longest stretch is that median (for the message).
 *
 * @example
 * const { pass, medianNs, shown } = await judgeBlocking(workload, 10e6);
 */
export interface BlockingVerdict {
  readonly pass: boolean;
  readonly budgetNs: number;
  readonly longestNs: readonly number[];
  readonly medianNs: number;
  readonly shown: BlockingMeasurement;
  /** Which measured call `shown` is (0-based); `calls` when it is the extra profiled call of a failure. */
  readonly shownIndex: number;
  readonly timedOut: boolean;
}

/**
 * Runs a workload once unmeasured (the first call parses and compiles: its stretch would judge the JIT) and then
 * `calls` times inside `measureBlocking`, each on a freshly prepared input, and judges the median of each call's
 * longest blocked stretch against `budgetNs`; after a failure, one more call runs under the CPU profiler for the
 * message (its stretches are the ones shown).
 *
 * @param workload - the call (and its input's preparation, never measured).
 * @param budgetNs - the longest stretch allowed, in ns.
 * @param options - `calls`, `maxTimeMs`, `profile`, `clock`.
 * @example
 * const verdict = await judgeBlocking({ call: () => handler(request) }, 10e6);
 */
export async function judgeBlocking(workload: Workload, budgetNs: number, options: JudgeBlockingOptions = {}): Promise<BlockingVerdict> {
  const calls = options.calls ?? 3;
  const measureOptions = { maxTimeMs: options.maxTimeMs ?? 10_000, ...(options.clock === undefined ? {} : { clock: options.clock }) };
  const prepare = async (): Promise<unknown> => {
    const prepared = workload.prepare?.();
    return isThenable(prepared) ? await prepared : prepared;
  };
  const warmInput = await prepare();
  const warm = await measureBlocking(() => workload.call(warmInput), { ...measureOptions, profile: false });
  const measurements: BlockingMeasurement[] = [];
  if (warm.timedOut) measurements.push(warm);
  else {
    for (let i = 0; i < calls; i++) {
      const input = await prepare();
      const measured = await measureBlocking(() => workload.call(input), { ...measureOptions, profile: false });
      measurements.push(measured);
      if (measured.timedOut) break;
    }
  }
  const longestNs = measurements.map((m) => m.stretches[0]?.judgedNs ?? 0);
  const order = longestNs.map((_, i) => i).sort((a, b) => (longestNs[a] ?? 0) - (longestNs[b] ?? 0));
  const shownIndex = order[(order.length - 1) >> 1] ?? 0;
  const medianNs = longestNs[shownIndex] ?? 0;
  const timedOut = measurements.some((m) => m.timedOut);
  const pass = !timedOut && medianNs <= budgetNs;
  if (!pass && !timedOut && options.profile !== false) {
    // The CPU profiler costs ~20 ms of CPU per call: it runs only to name what ran, in one more call after a failure.
    const input = await prepare();
    const profiled = await measureBlocking(() => workload.call(input), { ...measureOptions, profile: true });
    if (!profiled.timedOut) return { pass, budgetNs, longestNs, medianNs, shown: profiled, shownIndex: calls, timedOut };
  }
  return { pass, budgetNs, longestNs, medianNs, shown: measurements[shownIndex] ?? warm, shownIndex, timedOut };
}
