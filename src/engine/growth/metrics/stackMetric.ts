import { measureStack } from '../../stack/measureStack.js';
import { countMetric } from './ScaleMetric.js';
import type { MetricContext, MetricSample, ScaleMetric } from './ScaleMetric.js';
import type { Workload } from '../../workload.js';

/**
 * The deepest stack one call reaches, in bytes beyond its caller's, for `toScaleAtMost('log n', { metric: 'stack' })`:
 * recursion whose depth grows with n (a linked list or a degenerate tree walked recursively) grows like n, a
 * balanced tree's like log n, a loop's not at all. Each sample is one `measureStack` (50 warm-up calls, then
 * readings until two agree), one per size, and the sweep skips its warm-up round (each sample warms up by itself):
 * a repeatable count needs no more. Stack bytes are exact counts, so the tolerance on the excess slope is that of
 * other counts, 0.05. Automatic sizes stop at 4 096, where a recursive walk of 64–250 B a level still fits Node's
 * default stack; a call that overflows anyway fails the assertion with the size at which it did.
 *
 * @example
 * await expect(sized(n => balancedTree(n), t => depthOf(t))).toScaleAtMost('log n', { metric: 'stack' });
 */
export const stackMetric: ScaleMetric = {
  ...countMetric('stack', 'B', sample),
  samplesPerSize: 1,
  warmsUp: true,
  maxSize: 4096,
};

async function sample(workload: Workload, { clock, calls, timeoutNs }: MetricContext): Promise<MetricSample> {
  const wall0 = clock.wallNs();
  const cpu0 = clock.cpuNs();
  const measurement = await measureStack(workload, { warmupCalls: 50, confirmations: 2, maxTimeMs: Math.max(1, timeoutNs / 1e6), frames: false, label: 'toScaleAtMost', clock });
  if (measurement.overflow !== undefined) {
    const error = new Error(
      `toScaleAtMost: the call overflows the stack at ${workload.label ?? 'one size'} even with the whole free stack (${Math.round(measurement.availableBytes / 1024)} KiB) before it: its stack grows with n without bound; recurse over something that does not grow with n, or use a loop with an explicit stack (an array)`,
      { cause: measurement.overflow },
    );
    throw error;
  }
  // The calls the sweep asked for, whatever measureStack made: the sweep budgets a sample by its wall time per asked call.
  return { perCall: measurement.bytes, calls, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, awaited: false, timedOut: false };
}
