import { scaleOptions } from '../config/effectiveOptions.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { complexityClasses, parseComplexity } from '../engine/growth/complexityClasses.js';
import type { ComplexityName } from '../engine/growth/complexityClasses.js';
import { judgeScaling } from '../engine/growth/judgeScaling.js';
import type { ScalingVerdict } from '../engine/growth/judgeScaling.js';
import { measureStack } from '../engine/stack/measureStack.js';
import { scaleMetricNames } from '../engine/growth/metrics/ScaleMetric.js';
import type { ScaleMetricName, ScaleMetric } from '../engine/growth/metrics/ScaleMetric.js';
import { scaleMetrics } from '../engine/growth/metrics/scaleMetrics.js';
import { isSizedWorkload, toWorkload } from '../engine/workload.js';
import type { Workload } from '../engine/workload.js';
import { checkCallable } from '../input/checkCallable.js';
import { check } from '../input/check.js';
import { usageError } from '../input/usageError.js';
import { validateOptions } from '../input/validateOptions.js';
import { queryMetrics } from '../queries/queryMetrics.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import { scaleInconclusiveReason } from '../report/scaleInconclusiveReason.js';
import { scaleMessage } from '../report/toScaleAtMost.js';

/**
 * Options of `toScaleAtMost`.
 *
 * @example
 * await expect(sized(n => shuffled(n), a => mySort(a))).toScaleAtMost('n log n', { sizes: [1000, 2000, 4000, 8000], samples: 9 });
 */
export interface ScaleOptions {
  /** Input sizes to measure: at least 4 increasing positive integers (default: chosen automatically). */
  sizes?: readonly number[];
  /** What grows (default `'time'`); `'ops'` counts `countOp()` calls, `'queries'` statements, `'rows'` rows returned by the database, `'stack'` the deepest stack of a call in bytes, exactly. */
  metric?: ScaleMetricName;
  /** Cap on measuring time for this assertion, setup included, in ms (default 2000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
  /** Samples per size (default 9 for time, 5 for `'ops'`; at least 3 for time). */
  samples?: number;
}

const matcher = 'toScaleAtMost';

/**
 * Asserts that a workload's cost grows at most like a complexity class as n grows: measures it at several
 * sizes (chosen automatically unless given) and fails only when the growth is significantly faster than the
 * class, by more than the metric's tolerance. An inconclusive verdict is settled by the inconclusive policy, and
 * a sweep with no usable evidence (no usable size, or a metric of 0 everywhere) fails.
 *
 * @param received - `sized(setup, run)` or a function of n (all of whose work is measured).
 * @param complexity - the bound: `'1' | 'log n' | 'n' | 'n log n' | 'n^2' | 'n^3' | '2^n'`, or the same as `'O(…)'`.
 * @param options - `{ sizes, metric, maxTimeMs, samples }`; `maxTimeMs` in milliseconds.
 * @example
 * await expect(sized(n => shuffled(n), a => mySort(a))).toScaleAtMost('n log n');
 * await expect(sized(n => shuffled(n), a => a.sort(countingCompare))).toScaleAtMost('n log n', { metric: 'ops' });
 */
export async function toScaleAtMost(this: MatcherContext | undefined, received: unknown, complexity: unknown, options?: unknown): Promise<MatcherResult> {
  const bound = checkComplexity(complexity);
  const valid = validateOptions(matcher, 'options', options, {
    sizes: checkSizes,
    metric: check.oneOf<ScaleMetricName>(scaleMetricNames),
    maxTimeMs: check.positiveNumber,
    samples: check.positiveInteger,
  });
  const metric = metrics[valid.metric ?? 'time'];
  if (!metric.deterministic && valid.samples !== undefined && valid.samples < 3) {
    throw usageError({ matcher, argument: 'options.samples', expectation: `at least 3 for the '${metric.name}' metric: a median of fewer samples has no spread to bootstrap`, received: valid.samples });
  }
  const effective = scaleOptions(valid);
  const workloadAt = receivedSizedWorkload(received, effective.maxTimeMs);
  const result = await judgeStackSafely(metric, () => judgeScaling(workloadAt, bound, { metric, ...effective }));
  // A stack failure names the recursion: one more measurement at the largest size, with its deepest stack's frames.
  const largest = result.measurement.sizes.filter((size) => size.values.length > 0).at(-1);
  const stack = metric.name === 'stack' && result.verdict === 'fail' && largest !== undefined ? await measureStack(workloadAt(largest.n), { warmupCalls: 50, confirmations: 2, label: matcher }) : undefined;
  const reason = scaleInconclusiveReason(result, { maxTimeMs: effective.maxTimeMs });
  const { excess, fit, toleranceSlope } = result.judgement;
  const forAgent = recordAssertion(
    this,
    {
      matcher,
      metric: `${metric.name} growth`,
      statistic: `excess log-log slope over O(${bound})`,
      value: excess?.estimate ?? Number.NaN,
      ...(excess === undefined ? {} : { lower: excess.lower, upper: excess.upper }),
      unit: 'slope',
      verdict: result.verdict,
      pass: result.pass,
      budget: toleranceSlope,
      direction: 'at most',
    },
    {
      rerun: {
        sizes: result.measurement.sizes.map((size) => size.n),
        ...(valid.metric === undefined ? {} : { metric: valid.metric }),
        maxTimeMs: effective.maxTimeMs,
      },
      top: [
        ...(fit === undefined ? [] : [{ bestFit: fit.bestFit, exponent: fit.exponent.estimate }]),
        ...(result.profile?.hotspots ?? []).slice(0, 3).map((spot) => ({
          function: spot.functionName,
          file: `${spot.file}:${spot.line}`,
          ...(spot.package === undefined ? {} : { package: spot.package }),
          shareSmall: spot.shareSmall,
          shareLarge: spot.shareLarge,
        })),
      ],
    },
  );
  return settleVerdict(this, { ...result, evidence: reason.evidence }, {
    matcher,
    message: () => scaleMessage(this, result, { maxTimeMs: valid.maxTimeMs, effectiveMaxTimeMs: effective.maxTimeMs, samples: valid.samples, stack }) + forAgent(),
    why: () => reason.why,
    remedy: () => reason.remedy,
  });
}

/**
 * Runs the sweep; for the stack metric, a stack overflow while sizes are probed (the calls run on the test's own
 * stack there) fails the assertion with the overflow named, rather than as a bare RangeError.
 */
async function judgeStackSafely(metric: ScaleMetric, judge: () => Promise<ScalingVerdict>): Promise<ScalingVerdict> {
  try {
    return await judge();
  } catch (error) {
    if (metric.name !== 'stack' || !(error instanceof RangeError) || !error.message.includes('Maximum call stack size exceeded')) throw error;
    throw new Error(`${matcher}: a call overflowed the stack while the sizes were probed: its stack grows with n without bound; give smaller { sizes }, or recurse over something that does not grow with n (a loop with an explicit stack)`, { cause: error });
  }
}

function checkComplexity(value: unknown): ComplexityName {
  const bound = parseComplexity(value);
  if (bound !== undefined) return bound;
  const names = Object.keys(complexityClasses);
  const squeezed = typeof value === 'string' ? value.replace(/^O\((.*)\)$/, '$1').replace(/\s+/g, '').replace('²', '^2').replace('³', '^3').toLowerCase() : undefined;
  const near = names.find((name) => name.replace(/\s+/g, '') === squeezed);
  throw usageError({
    matcher,
    argument: 'complexity',
    expectation: `one of ${names.map((name) => `'${name}'`).join(', ')} (or the same written 'O(…)')`,
    received: value,
    ...(near === undefined ? {} : { hint: `did you mean '${near}'?` }),
  });
}

function checkSizes(_matcher: string, argument: string, value: unknown): readonly number[] {
  const fail = (why: string): never => {
    throw usageError({ matcher, argument, expectation: `at least 4 increasing positive integers (${why})`, received: value });
  };
  if (!Array.isArray(value)) return fail('not an array');
  if (value.length < 4) fail(`${value.length} given: a slope through fewer sizes has no usable interval`);
  value.forEach((n: unknown, i) => {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) fail(`sizes[${i}] is not a positive integer`);
    if (i > 0 && (n as number) <= (value[i - 1] as number)) fail(`sizes[${i}] does not exceed sizes[${i - 1}]`);
  });
  return value as number[];
}

// 'queries' and 'rows' join here rather than in the engine's registry: the query spy sits above the engine.
const metrics: { readonly [K in ScaleMetricName]: ScaleMetric } = { ...scaleMetrics, ...queryMetrics };

function receivedSizedWorkload(received: unknown, maxTimeMs: number): (n: number) => Workload {
  if (isSizedWorkload(received)) {
    checkCallable(matcher, 'received (its run)', received.run as () => unknown);
    return (n) => toWorkload(received, n, maxTimeMs);
  }
  if (typeof received !== 'function') {
    throw usageError({
      matcher,
      argument: 'received',
      expectation: 'a sized workload from sized(setup, run) or a function of the input size n',
      received,
      hint: 'e.g. expect(sized(n => randomArray(n), a => mySort(a))).toScaleAtMost(\'n log n\')',
    });
  }
  if (received.length === 0) {
    throw usageError({
      matcher,
      argument: 'received',
      expectation: 'a function of the input size n (this one takes no parameter, so nothing it does can grow with n)',
      received,
      hint: 'write expect(n => work(n)), or sized(n => input(n), input => work(input)) to keep building the input out of the measurement',
    });
  }
  checkCallable(matcher, 'received', received as (n: number) => unknown);
  const fn = received as (n: number) => unknown;
  return (n) => ({ call: () => fn(n), label: `n = ${n}` });
}
