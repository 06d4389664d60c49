import { measureBlocking } from '../../blocking/measureBlocking.js';
import { isThenable } from '../../workload.js';
import type { ScaleMetric } from './ScaleMetric.js';

/**
 * The longest stretch one call holds the event loop, in ns (as `toBlockEventLoopAtMost` measures it, without the
 * profiler), for `toScaleAtMost('1', { metric: 'blocking' })`: a handler that parses its whole payload synchronously
 * blocks for longer as the payload grows. A timing, so the time metric's tolerance (0.25) applies; the median of a
 * sample's calls is its value, so one preempted or gc-hit call does not move it.
 *
 * @example
 * await expect(sized(n => payloadOf(n), p => handler(p))).toScaleAtMost('1', { metric: 'blocking' });
 */
export const blockingMetric: ScaleMetric = {
  name: 'blocking',
  unit: 'ns',
  deterministic: false,
  toleranceSlope: 0.25,
  async sample(workload, { clock, calls, timeoutNs }) {
    const wall0 = clock.wallNs();
    const cpu0 = clock.cpuNs();
    const longest: number[] = [];
    let awaited = false;
    for (let i = 0; i < calls; i++) {
      const prepared = workload.prepare?.();
      const input = isThenable(prepared) ? await prepared : prepared;
      const remainingMs = Math.max(1, (timeoutNs - (clock.wallNs() - wall0)) / 1e6);
      const measured = await measureBlocking(
        () => {
          const result = workload.call(input);
          awaited ||= isThenable(result);
          return result;
        },
        { maxTimeMs: remainingMs, profile: false },
      );
      longest.push(measured.stretches[0]?.judgedNs ?? 0);
      if (measured.timedOut) return { perCall: median(longest), calls: i + 1, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, awaited, timedOut: true };
    }
    return { perCall: median(longest), calls, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, awaited, timedOut: false };
  },
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1] ?? 0;
}
