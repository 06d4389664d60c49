import { fasterThanOptions } from '../config/effectiveOptions.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { judgeSpeedup } from '../engine/time/judgeSpeedup.js';
import type { SpeedupVerdict } from '../engine/time/judgeSpeedup.js';
import type { ClockMode } from '../engine/time/nativeClock.js';
import { isSizedWorkload, toWorkload } from '../engine/workload.js';
import type { SizedWorkload } from '../engine/workload.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { usageError } from '../input/usageError.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
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
 * or an inconclusive verdict settled by the inconclusive policy (`configure({ inconclusive })`).
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
  // Within 5% of the claim the estimate's side is noise (two copies of one function measure that far apart), so a
  // near tie settles as "not faster" rather than on the estimate: equal functions never pass.
  const pass = result.verdict === 'inconclusive' ? result.reason !== 'near-threshold' && result.meetsClaim : result.verdict === 'pass';
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
  const rerun = { ...(given.n === undefined ? {} : { n: given.n }), by, clock: result.run.clock, maxTimeMs };
  const forAgent = recordAssertion(this, measured, { rerun });
  const message = (): string => speedupMessage(this, result, { clockMode, maxTimeMs, n: given.n }) + forAgent();
  return settleVerdict(this, { verdict: result.verdict, pass, evidence: result.reason === 'unmeasured' ? 'none' : undefined }, {
    matcher,
    message,
    why: () => speedupInconclusiveReason(result.reason, maxTimeMs),
    remedy: () => (result.reason === 'near-threshold' ? 'claim a speedup with headroom' : 'raise maxTimeMs for more pairs'),
    ...(result.reason === 'near-threshold' ? { settledOn: 'a near tie counted as not faster' } : {}),
  });
}

function speedupInconclusiveReason(reason: SpeedupVerdict['reason'], maxTimeMs: number): string {
  switch (reason) {
    case 'near-threshold':
      return 'the speedup is within 5% of the claim';
    case 'unmeasured':
      return 'the CPU clock did not resolve the batches';
    case 'single-call':
      return `a call outlasted its share of the ${maxTimeMs} ms cap, so each function was timed once`;
    default:
      return `the ${maxTimeMs} ms cap ended sampling before the bounds cleared the claim`;
  }
}

/**
 * Checks the reference of a comparison (`toBeFasterThan`): a function when `received` is one, a sized workload
 * when `received` is one (both are then measured at the same n). Throws a usage error naming the matcher otherwise.
 *
 * @example
 * const baseline = referenceWorkload('toBeFasterThan', reference, isSizedWorkload(received));
 */
function referenceWorkload(matcher: string, reference: unknown, receivedIsSized: boolean): (() => unknown) | SizedWorkload<unknown> {
  if (receivedIsSized && !isSizedWorkload(reference)) {
    throw usageError({
      matcher,
      argument: 'reference',
      expectation: 'a sized workload from sized(setup, run) when received is one, so that both run at the same n',
      received: reference,
      hint: 'compare sized(setup, newRun) with sized(setup, oldRun)',
    });
  }
  if (!receivedIsSized && typeof reference !== 'function') {
    throw usageError({
      matcher,
      argument: 'reference',
      expectation: isSizedWorkload(reference)
        ? 'a function when received is a function (make both sized workloads to compare at an input size n)'
        : 'a function (sync or async) to compare with, or a sized workload when received is one',
      received: reference,
      hint: 'wrap the call: toBeFasterThan(() => oldWork()) rather than toBeFasterThan(oldWork())',
    });
  }
  return reference as (() => unknown) | SizedWorkload<unknown>;
}
