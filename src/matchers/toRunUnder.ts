import { currentSettings } from '../config/currentSettings.js';
import { judgeTime } from '../engine/judgeTime.js';
import { toWorkload } from '../engine/toWorkload.js';
import type { MatcherContext } from '../MatcherContext.js';
import type { MatcherResult } from '../MatcherResult.js';
import { check } from '../report/check.js';
import { receivedWorkload } from '../report/receivedWorkload.js';
import { sizeOrOptions } from '../report/sizeOrOptions.js';
import { timeMessage } from '../report/timeMessage.js';
import { timeInconclusiveReason } from '../report/timeInconclusiveReason.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { engineOverrides } from '../config/engineOverrides.js';
import { isThenable } from '../engine/isThenable.js';
import type { TimeVerdict } from '../engine/TimeVerdict.js';
import type { Workload } from '../engine/Workload.js';
import { measureQueries } from '../queries/measureQueries.js';
import { waitingHint } from '../report/waitingHint.js';

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
  const options = sizeOrOptions(matcher, nOrOptions, {
    statistic: check.statistic,
    clock: check.clockMode,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, options.n);
  const settings = currentSettings();
  const statistic = options.statistic ?? settings.statistic;
  const clockMode = options.clock ?? settings.clock;
  const maxTimeMs = options.maxTimeMs ?? settings.maxTimeMs;
  const result = await judgeTime(toWorkload(target, options.n), budget * settings.timeScale * 1e6, {
    statistic,
    clockMode,
    maxTimeMs,
    ...engineOverrides,
  });
  const waiting = await waitedOn(result, toWorkload(target, options.n), maxTimeMs);
  const message = (): string => timeMessage(this, result, { budgetMs: budget, timeScale: settings.timeScale, clockMode, maxTimeMs, n: options.n, waiting });
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

async function waitedOn(result: TimeVerdict, workload: Workload, maxTimeMs: number): Promise<string | undefined> {
  if (result.pass || !result.run.async || result.cpuWallRatio >= waitingCpuWallRatio) return undefined;
  // Only a failure over budget shows the hint: one more call under the query spy, bounded like one sample, says
  // what the time was spent waiting on.
  try {
    const prepared = workload.prepare?.();
    const input = isThenable(prepared) ? await prepared : prepared;
    const log = await measureQueries(() => workload.call(input), { maxTimeMs: Math.max(100, Math.min(maxTimeMs, (3 * result.estimateNs) / 1e6)) });
    return waitingHint(result.cpuWallRatio, log);
  } catch {
    return waitingHint(result.cpuWallRatio, undefined);
  }
}
