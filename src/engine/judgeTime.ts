import { describeContention } from './describeContention.js';
import { nativeClock } from './nativeClock.js';
import { sampleSequentially } from './sampleSequentially.js';
import { sequentialLook } from './sequentialLook.js';
import { statisticBounds } from './statisticBounds.js';
import type { TimeVerdict } from './TimeVerdict.js';
import type { Workload } from './Workload.js';
import { hostLoadPerCore } from './hostLoadPerCore.js';
import type { JudgeTimeOptions } from './JudgeTimeOptions.js';

/** Estimates within this fraction of the budget are called inconclusive: separate processes differ by 4–7%. */
const nearBudgetFraction = 0.05;

/**
 * Decides whether a workload's per-call time statistic is under a budget: samples sequentially until a
 * confidence bound clears the budget (pass or fail) or the time cap ends the run (inconclusive, decided by the
 * point estimate). Errors thrown by the workload propagate unchanged.
 *
 * @example
 * const result = await judgeTime({ call: () => parse(doc) }, 5_000_000);
 * result.verdict; // 'pass' | 'fail' | 'inconclusive'
 */
export async function judgeTime(workload: Workload, budgetNs: number, options: JudgeTimeOptions = {}): Promise<TimeVerdict> {
  const statistic = options.statistic ?? 'median';
  const maxTimeMs = options.maxTimeMs ?? 1000;
  const totalAlpha = options.totalAlpha ?? 0.01;
  const clock = options.clock ?? nativeClock;
  const loadPerCore = (options.loadPerCore ?? hostLoadPerCore)();
  const run = await sampleSequentially(
    workload,
    // A call still pending at twice the budget (or after the cap) is over budget beyond doubt: abandon it.
    { clock, clockMode: options.clockMode ?? 'auto', maxTimeMs, totalAlpha, callTimeoutNs: Math.max(maxTimeMs * 1e6, 2 * budgetNs), hostLoadPerCore: loadPerCore },
    (sorted, alpha) => {
      const { lower, upper } = statisticBounds(sorted, statistic, alpha);
      return (upper !== undefined && upper < budgetNs) || (lower !== undefined && lower > budgetNs);
    },
  );
  const cpu = run.samples.map((s) => s.cpuNs / s.calls);
  const wall = run.samples.map((s) => s.wallNs / s.calls);
  const judged = run.clock === 'cpu' ? cpu : wall;
  const sorted = [...judged].sort((a, b) => a - b);
  const alpha = run.looks > 0 ? sequentialLook(run.looks, totalAlpha).alpha : sequentialLook(1, totalAlpha).alpha;
  const bounds = statisticBounds(sorted, statistic, alpha);
  const totalCpu = run.samples.reduce((sum, s) => sum + s.cpuNs, 0);
  const totalWall = run.samples.reduce((sum, s) => sum + s.wallNs, 0);
  const cpuWallRatio = totalWall > 0 ? totalCpu / totalWall : 1;

  const verdict: TimeVerdict = {
    verdict: 'inconclusive',
    pass: bounds.estimate <= budgetNs,
    statistic,
    budgetNs,
    estimateNs: bounds.estimate,
    alpha,
    perCallNs: { cpu, wall },
    run,
    cpuWallRatio,
    loadPerCore,
  };
  if (bounds.lower !== undefined) verdict.lowerNs = bounds.lower;
  if (bounds.upper !== undefined) verdict.upperNs = bounds.upper;
  const contention = describeContention(run.async, run.clock, cpuWallRatio, loadPerCore);
  if (contention !== undefined) verdict.contention = contention;

  if (run.stoppedBy === 'call-timeout') {
    return { ...verdict, verdict: 'fail', pass: false, reason: 'call-timeout' };
  }
  // Most batches unresolved by the CPU clock: no evidence for a pass.
  if (run.stoppedBy === 'unmeasured') return { ...verdict, pass: false, reason: 'unmeasured' };
  if (run.stoppedBy === 'single-call') return { ...verdict, reason: 'single-call' };
  if (run.stoppedBy === 'time-cap') return { ...verdict, reason: 'time-cap' };
  if (Math.abs(bounds.estimate / budgetNs - 1) < nearBudgetFraction) return { ...verdict, reason: 'near-budget' };
  const decided = bounds.upper !== undefined && bounds.upper < budgetNs ? 'pass' : 'fail';
  return { ...verdict, verdict: decided, pass: decided === 'pass' };
}
