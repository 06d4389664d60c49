import { measureAllocation } from '../../heap/measureAllocation.js';
import { measureStack } from '../../stack/measureStack.js';
import { sampleTime } from '../../time/sampleTime.js';
import { sized } from '../../workload.js';
import type { Workload } from '../../workload.js';
import { countMetric } from './ScaleMetric.js';
import type { MetricContext, MetricSample, ScaleMetric, ScaleMetricName } from './ScaleMetric.js';
import { blockingMetric } from './blockingMetric.js';
import { opsMetric } from './opsMetric.js';

/**
 * Per-call time in ns (CPU time for synchronous work, wall time for async), sampled with the timing engine's
 * batches, outside garbage-collection pauses: the share of the sample's wall time the thread spent paused for gc
 * is taken off the judged clock. Collections run when the heap crosses thresholds, not in proportion to the work,
 * so they land on some sizes' samples and not on others (a 15× jump of one size's median was seen) and turn
 * linear code that allocates into n^1.2–1.8 over the sizes one assertion reaches (17% of the time at n = 1 000,
 * 70% at 370 000 for an object-building map). Allocation that really grows faster still shows: the mutator copies
 * and writes what it allocates. Tolerance 0.25: time-based slopes sit 0.07–0.16 above theory (caches, large-object
 * space), and 0.25 gave no false fail in 1 166 trials and no false pass in 1 060 (DESIGN.md §4).
 *
 * @example
 * const sample = await timeMetric.sample({ call: () => work() }, { clock: nativeClock, calls: 10, timeoutNs: 1e9, judgeOn: 'cpu' });
 */
const timeMetric: ScaleMetric = {
  name: 'time',
  unit: 'ns',
  deterministic: false,
  toleranceSlope: 0.25,
  // Past the sweep's 2^20: cheap per-item work (a sum over a packed array, 1 ns an item) takes 1 ms there, and a
  // fixed 0.2–0.5 ms overhead still hides its linear part (it passed 'log n'). The setup-cost stop bounds what
  // setup may build (one setup past a sample's 50 ms share ends the sizes), so the cap costs memory only where
  // inputs are cheap to build.
  maxSize: 2 ** 23,
  async sample(workload, { clock, calls, timeoutNs, judgeOn }) {
    const sample = await sampleTime(workload, calls, clock, timeoutNs, { countGcPauses: true });
    // A share of the wall time, not ns off the CPU clock: contention stretches pauses and work alike on the wall
    // clock, and the CPU clock also counts gc helper threads during a pause.
    const judgedNs = judgeOn === 'cpu' ? sample.cpuNs : sample.wallNs;
    const outsideGcNs = sample.wallNs > 0 ? (judgedNs * (sample.wallNs - Math.min(sample.gcNs, sample.wallNs))) / sample.wallNs : judgedNs;
    return {
      perCall: outsideGcNs / sample.calls,
      calls: sample.calls,
      wallNs: sample.wallNs,
      cpuNs: sample.cpuNs,
      gcNs: sample.gcNs,
      awaited: sample.awaited,
      timedOut: sample.timedOut,
    };
  },
};

/**
 * Bytes allocated per call, for `toScaleAtMost(…, { metric: 'allocations' })`: each sample is one
 * `measureAllocation` (10 warm-up calls, then the median of 3 calls, each after a gc, with gcs during the call
 * added back and an empty function's figure subtracted), every call on a freshly prepared input that is never
 * counted. Without the warm-up calls, code compiled or flushed during a cold call made readings negative.
 * Allocation is exact and repeatable in steady state, so three samples per size suffice and the tolerance on the
 * excess slope is that of other exact counts, 0.05.
 *
 * @example
 * await expect(sized(n => rows(n), r => toCsv(r))).toScaleAtMost('n', { metric: 'allocations' });
 */
const allocationsMetric: ScaleMetric = {
  ...countMetric('allocations', 'B', sample),
  samplesPerSize: 3,
};

async function sample(workload: Workload, { clock, timeoutNs }: MetricContext): Promise<MetricSample> {
  const wall0 = clock.wallNs();
  const cpu0 = clock.cpuNs();
  const measurement = await measureAllocation(sized(() => workload.prepare?.(), (input) => workload.call(input)), {
    n: 1,
    calls: 3,
    warmupCalls: 10,
    maxTimeMs: Math.max(1, timeoutNs / 1e6),
    clock,
  });
  return {
    perCall: Math.max(0, measurement.bytesPerCall),
    calls: 1,
    wallNs: clock.wallNs() - wall0,
    cpuNs: clock.cpuNs() - cpu0,
    awaited: measurement.async,
    timedOut: false,
  };
}

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
const stackMetric: ScaleMetric = {
  ...countMetric('stack', 'B', stackSample),
  samplesPerSize: 1,
  warmsUp: true,
  maxSize: 4096,
};

async function stackSample(workload: Workload, { clock, calls, timeoutNs }: MetricContext): Promise<MetricSample> {
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

/**
 * The metrics of the engine layer that `toScaleAtMost` can judge, by name. `'queries'` and `'rows'` are added by the matcher:
 * the query spy sits above the engine.
 *
 * @example
 * const metric = scaleMetrics['ops']; // opsMetric
 */
export const scaleMetrics: { readonly [K in Exclude<ScaleMetricName, 'queries' | 'rows'>]: ScaleMetric } = {
  time: timeMetric,
  ops: opsMetric,
  allocations: allocationsMetric,
  blocking: blockingMetric,
  stack: stackMetric,
};
