import { fasterThanOptions } from '../config/effectiveOptions.js';
import { verdictPasses } from '../config/verdictPasses.js';
import { judgeSpeedup } from '../engine/time/judgeSpeedup.js';
import type { ClockMode } from '../engine/time/nativeClock.js';
import { isSizedWorkload, toWorkload } from '../engine/workload.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { referenceWorkload } from '../input/referenceWorkload.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { agentBlock } from '../report/run/agentBlock.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import { speedupMessage } from '../report/toBeFasterThan.js';

/**
 * Options of `toBeFasterThan`.
 *
 * @example
 * await expect(() => newParse(doc)).toBeFasterThan(() => oldParse(doc), { by: 1.5, maxTimeMs: 2000 });
 */
export interface FasterThanOptions {
  /** Input size of both sized workloads, required when they are sized. */
  n?: number;
  /** Speedup claimed: reference time ÷ received time per call is at least this (default 1: faster at all). */
  by?: number;
  /** Clock that judges (default `'auto'`: CPU time when both are sync, wall time when either is async). */
  clock?: ClockMode;
  /** Cap on measuring time of both workloads together, in ms (default 1000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
}

/**
 * Asserts that a function (or a sized workload at input size n) is faster than a reference, by at least `by`
 * times: both are measured in this process, interleaved pair by pair in random order, and the median of the
 * per-pair speedups (reference ÷ received time per call) is judged with confidence bounds. Resolves to pass, fail,
 * or an inconclusive verdict decided by the estimate.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param reference - what it is compared with: a function, or a sized workload when `received` is one.
 * @param nOrOptions - the input size n of sized workloads, or `{ n, by, clock, maxTimeMs }`.
 * @example
 * await expect(() => newParse(doc)).toBeFasterThan(() => oldParse(doc));
 * await expect(sized(shuffled, fastSort)).toBeFasterThan(sized(shuffled, slowSort), { n: 10_000, by: 1.5 });
 */
export async function toBeFasterThan(this: MatcherContext | undefined, received: unknown, reference: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const matcher = 'toBeFasterThan';
  const given = sizeOrOptions(matcher, nOrOptions, {
    by: check.positiveNumber,
    clock: check.clockMode,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, given.n);
  const baseline = referenceWorkload(matcher, reference, isSizedWorkload(target));
  const { by, ...options } = fasterThanOptions(given);
  const result = await judgeSpeedup(toWorkload(target, given.n), toWorkload(baseline, given.n), by, options);
  const { clockMode, maxTimeMs } = options;
  const pass = verdictPasses(result.verdict, result.meetsClaim);
  const measured = {
    matcher,
    metric: 'speedup',
    statistic: `median paired ${result.run.clock}-time speedup`,
    value: result.speedup,
    ...(result.lower === undefined ? {} : { lower: result.lower }),
    ...(result.upper === undefined ? {} : { upper: result.upper }),
    unit: '×',
    ...(given.n === undefined ? {} : { n: given.n }),
    verdict: result.verdict,
    pass,
    budget: by,
    direction: 'at least' as const,
  };
  recordAssertion(this, measured);
  const rerun = { ...(given.n === undefined ? {} : { n: given.n }), by, clock: result.run.clock, maxTimeMs };
  return {
    pass,
    message: () => speedupMessage(this, result, { clockMode, maxTimeMs, n: given.n }) + agentBlock(measured, { rerun }),
  };
}
