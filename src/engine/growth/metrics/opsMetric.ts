import { sampleTime } from '../../time/sampleTime.js';
import { isThenable } from '../../workload.js';
import type { Workload } from '../../workload.js';
import { countMetric } from './ScaleMetric.js';
import type { ScaleMetric } from './ScaleMetric.js';

/**
 * The counter that `countOp` adds to while a call is being measured with the `'ops'` metric, else undefined.
 * A plain module variable rather than AsyncLocalStorage: measured calls run one at a time, and in Node 20 an
 * AsyncLocalStorage turns on promise hooks for the whole process, which would slow the very code being timed.
 *
 * @example
 * opCounter.active = { count: 0 };
 */
export const opCounter: { active: { count: number } | undefined } = { active: undefined };

/**
 * Counts k operations of the call being measured with `toScaleAtMost(…, { metric: 'ops' })`; does nothing (and
 * costs a few ns) outside such a measurement. Counts are exact, so growth in ops separates n from n log n.
 *
 * @param k - the number of operations to add (a non-negative finite number, default 1).
 * @example
 * const compare = (a: number, b: number) => (countOp(), a - b);
 * await expect(sized(n => shuffled(n), a => a.sort(compare))).toScaleAtMost('n log n', { metric: 'ops' });
 */
export function countOp(k = 1): void {
  if (!(typeof k === 'number' && Number.isFinite(k) && k >= 0)) {
    throw new TypeError(`countOp: k must be a non-negative finite number of operations, received ${String(k)}`);
  }
  const counter = opCounter.active;
  if (counter !== undefined) counter.count += k;
}

/**
 * Operations per call, counted by the workload's `countOp()` calls while the call runs (for async work: until
 * its promise settles); the workload's setup is never counted. Counts are exact and repeatable, so the
 * tolerance on the excess slope is 0.05: a hidden log factor adds 1/ln n to the slope (0.090 at n = 65 536,
 * 0.072 at 10^6, 0.060 at 2^24), always above 0.05 at the sizes the sweep reaches, while an O(g) count has an
 * excess slope ≤ 0 up to the rounding of its counts.
 *
 * @example
 * const sample = await opsMetric.sample({ call: () => countOp(3) }, { clock: nativeClock, calls: 1, timeoutNs: 1e9, judgeOn: 'cpu' });
 * sample.perCall; // 3
 */
export const opsMetric: ScaleMetric = countMetric('ops', 'ops', async (workload, { clock, calls, timeoutNs }) => {
  const counter = { count: 0 };
  const previous = opCounter.active;
  const restore = (): void => {
    // A call abandoned at its timeout may settle later: it must not reset a counter that is no longer its own.
    if (opCounter.active === counter) opCounter.active = previous;
  };
  const counted: Workload = {
    ...workload,
    call: (input) => {
      opCounter.active = counter;
      let result: unknown;
      try {
        result = workload.call(input);
      } catch (error) {
        restore();
        throw error;
      }
      if (!isThenable(result)) {
        restore();
        return result;
      }
      return Promise.resolve(result).finally(restore);
    },
  };
  try {
    const sample = await sampleTime(counted, calls, clock, timeoutNs);
    return { perCall: counter.count / sample.calls, calls: sample.calls, wallNs: sample.wallNs, cpuNs: sample.cpuNs, awaited: sample.awaited, timedOut: sample.timedOut };
  } finally {
    restore();
  }
});
