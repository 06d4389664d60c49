import { engineOverrides } from '../config/engineOverrides.js';
import { explicitSettings } from '../config/explicitSettings.js';
import { complexityClasses } from '../engine/complexityClasses.js';
import type { ComplexityName } from '../engine/ComplexityName.js';
import { isSizedWorkload } from '../engine/isSizedWorkload.js';
import { judgeScaling } from '../engine/judgeScaling.js';
import { parseComplexity } from '../engine/parseComplexity.js';
import { scaleMetrics } from '../engine/scaleMetrics.js';
import { queriesMetric } from '../queries/queriesMetric.js';
import type { ScaleMetric } from '../engine/ScaleMetric.js';
import type { ScaleMetricName } from '../engine/ScaleMetricName.js';
import { toWorkload } from '../engine/toWorkload.js';
import type { Workload } from '../engine/Workload.js';
import type { MatcherContext } from '../MatcherContext.js';
import type { MatcherResult } from '../MatcherResult.js';
import { check } from '../report/check.js';
import { scaleMessage } from '../report/scaleMessage.js';
import { scaleInconclusiveReason } from '../report/scaleInconclusiveReason.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { usageError } from '../report/usageError.js';
import { validateOptions } from '../report/validateOptions.js';

const matcher = 'toScaleAtMost';
const metricNames: readonly ScaleMetricName[] = ['time', 'ops', 'allocations', 'queries'];
/** The cap when neither the assertion nor `configure()` sets one: a sweep needs more room than one timing. */
const defaultMaxTimeMs = 2000;

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
    metric: check.oneOf<ScaleMetricName>(metricNames),
    maxTimeMs: check.positiveNumber,
    samples: check.positiveInteger,
  });
  const metric = metrics[valid.metric ?? 'time'];
  if (!metric.deterministic && valid.samples !== undefined && valid.samples < 3) {
    throw usageError({ matcher, argument: 'options.samples', expectation: `at least 3 for the '${metric.name}' metric: a median of fewer samples has no spread to bootstrap`, received: valid.samples });
  }
  const workloadAt = receivedSizedWorkload(received);
  const maxTimeMs = valid.maxTimeMs ?? explicitSettings.maxTimeMs ?? defaultMaxTimeMs;
  const result = await judgeScaling(workloadAt, bound, {
    metric,
    maxTimeMs,
    ...(valid.sizes === undefined ? {} : { sizes: valid.sizes }),
    ...(valid.samples === undefined ? {} : { samples: valid.samples }),
    ...engineOverrides,
  });
  const reason = scaleInconclusiveReason(result, { maxTimeMs });
  return settleVerdict(this, { ...result, evidence: reason.evidence }, {
    matcher,
    message: () => scaleMessage(this, result, { maxTimeMs: valid.maxTimeMs, effectiveMaxTimeMs: maxTimeMs, samples: valid.samples }),
    why: () => reason.why,
    remedy: () => reason.remedy,
  });
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

// 'queries' joins here rather than in the engine's registry: the query spy sits above the engine.
const metrics: { readonly [K in ScaleMetricName]: ScaleMetric } = { ...scaleMetrics, queries: queriesMetric };

function receivedSizedWorkload(received: unknown): (n: number) => Workload {
  if (isSizedWorkload(received)) return (n) => toWorkload(received, n);
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
  const fn = received as (n: number) => unknown;
  return (n) => ({ call: () => fn(n), label: `n = ${n}` });
}
