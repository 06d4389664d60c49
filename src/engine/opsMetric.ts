import { isThenable } from './isThenable.js';
import { opCounter } from './opCounter.js';
import { sampleTime } from './sampleTime.js';
import type { ScaleMetric } from './ScaleMetric.js';
import type { Workload } from './Workload.js';

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
export const opsMetric: ScaleMetric = {
  name: 'ops',
  unit: 'ops',
  deterministic: true,
  toleranceSlope: 0.05,
  async sample(workload, { clock, calls, timeoutNs }) {
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
  },
};
