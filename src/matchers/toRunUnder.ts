import { runUnderOptions } from '../config/effectiveOptions.js';
import { settleVerdict } from '../config/settleVerdict.js';
import type { Statistic } from '../engine/stats/statisticBounds.js';
import { judgeTime, type TimeVerdict } from '../engine/time/judgeTime.js';
import type { ClockMode } from '../engine/time/nativeClock.js';
import { isThenable, toWorkload, type Workload } from '../engine/workload.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { measureQueries, type QueryLog } from '../queries/measureQueries.js';
import { timeInconclusiveReason } from '../report/timeInconclusiveReason.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import { timeMessage } from '../report/toRunUnder.js';

/**
 * Options of `toRunUnder`.
 *
 * @example
 * await expect(() => handle(req)).toRunUnder(2, { statistic: 'p95', clock: 'wall', maxTimeMs: 2000 });
 */
export interface RunUnderOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /** Statistic of per-call time compared with the budget (default `'median'`). */
  statistic?: Statistic;
  /** Clock that judges (default `'auto'`: CPU time for sync work, wall time for async work). */
  clock?: ClockMode;
  /** Cap on measuring time for this assertion, in ms (default 1000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
}

/**
 * Asserts that a function (or a sized workload at input size n) runs under a time budget: by default its
 * median per-call time, on CPU time for synchronous work and wall time for async work. Budgets are multiplied
 * by the configured time scale. An inconclusive verdict is settled by the inconclusive policy (`configure`).
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param budgetMs - the time budget in milliseconds.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, statistic, clock, maxTimeMs }`.
 * @example
 * await expect(() => parse(doc)).toRunUnder(5);
 * await expect(sized(n => shuffled(n), a => mySort(a))).toRunUnder(50, 10_000);
 */
export async function toRunUnder(this: MatcherContext | undefined, received: unknown, budgetMs: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const matcher = 'toRunUnder';
  const budget = check.positiveNumber(matcher, 'budgetMs', budgetMs);
  const given = sizeOrOptions(matcher, nOrOptions, {
    statistic: check.statistic,
    clock: check.clockMode,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, given.n);
  const { timeScale, ...options } = runUnderOptions(given);
  const result = await judgeTime(toWorkload(target, given.n, options.maxTimeMs), budget * timeScale * 1e6, options);
  const { clockMode, maxTimeMs } = options;
  const waitedOn = await oneCallUnderSpy(result, toWorkload(target, given.n), maxTimeMs);
  const measured = {
    matcher,
    metric: `${result.run.clock} time`,
    statistic: options.statistic,
    value: result.estimateNs,
    ...(result.lowerNs === undefined ? {} : { lower: result.lowerNs }),
    ...(result.upperNs === undefined ? {} : { upper: result.upperNs }),
    unit: 'ns',
    ...(given.n === undefined ? {} : { n: given.n }),
    verdict: result.verdict,
    pass: result.pass,
    budget: result.budgetNs,
    direction: 'at most' as const,
  };
  const rerun = { ...(given.n === undefined ? {} : { n: given.n }), statistic: options.statistic, clock: result.run.clock, maxTimeMs };
  const forAgent = recordAssertion(this, measured, { rerun });
  const message = (): string => timeMessage(this, result, { budgetMs: budget, timeScale, clockMode, maxTimeMs, n: given.n, waitedOn }) + forAgent();
  const reason = (): { why: string; remedy: string } =>
    result.run.samples.length === 0 ? { why: 'no sample was taken', remedy: 'raise maxTimeMs' } : timeInconclusiveReason(result, maxTimeMs);
  const nothingMeasured = result.run.samples.length === 0 || result.reason === 'unmeasured';
  return settleVerdict(this, { ...result, evidence: nothingMeasured ? 'none' : undefined }, {
    matcher,
    message,
    why: () => reason().why,
    remedy: () => reason().remedy,
  });
}

/** Async calls off the CPU more than this share of their wall time were mostly waiting. */
const waitingCpuWallRatio = 0.5;

async function oneCallUnderSpy(result: TimeVerdict, workload: Workload, maxTimeMs: number): Promise<QueryLog | 'failed' | undefined> {
  if (result.pass || !result.run.async || result.cpuWallRatio >= waitingCpuWallRatio) return undefined;
  // Only a failure over budget shows the I/O hint: one more call under the query spy, bounded like a few samples,
  // says what the time was spent waiting on (a CPU profile shows none of it).
  try {
    const prepared = workload.prepare?.();
    const input = isThenable(prepared) ? await prepared : prepared;
    return await measureQueries(() => workload.call(input), { maxTimeMs: Math.max(100, Math.min(maxTimeMs, (3 * result.estimateNs) / 1e6)) });
  } catch {
    return 'failed';
  }
}
