import { availableParallelism, loadavg } from 'node:os';
import { statisticBounds } from '../stats/statisticBounds.js';
import type { Statistic } from '../stats/statisticBounds.js';
import type { Workload } from '../workload.js';
import { nativeClock } from './nativeClock.js';
import type { Clock, ClockMode } from './nativeClock.js';
import { sampleSequentially, sequentialLook } from './sampleSequentially.js';
import type { SamplingRun } from './sampleSequentially.js';

/**
 * Options of `judgeTime`. Durations in ms as named.
 *
 * @example
 * await judgeTime(workload, 5e6, { statistic: 'p95', clockMode: 'wall', maxTimeMs: 2000 });
 */
export interface JudgeTimeOptions {
  statistic?: Statistic;
  clockMode?: ClockMode;
  /** Cap on measuring time per assertion (default 1000 ms). */
  maxTimeMs?: number;
  clock?: Clock;
  /** Reads the machine's load per core (default: the 1-minute load average over the core count). */
  loadPerCore?: () => number;
  /** Error rate per side spread over all looks (default 0.01). */
  totalAlpha?: number;
}

/**
 * The outcome of judging a workload's time against a budget. All times in ns.
 * `verdict` says how sure the engine is; `pass` is what the assertion reports (an inconclusive run passes when
 * the point estimate is within the budget).
 *
 * @example
 * const result = await judgeTime(workload, 5e6, { statistic: 'median' });
 * if (result.verdict === 'inconclusive') console.warn(result.reason);
 */
export interface TimeVerdict {
  verdict: 'pass' | 'fail' | 'inconclusive';
  pass: boolean;
  /** Why the run was inconclusive (or, for `'call-timeout'`, why it failed without an interval). */
  reason?: 'time-cap' | 'single-call' | 'near-budget' | 'call-timeout' | 'unmeasured';
  statistic: Statistic;
  budgetNs: number;
  estimateNs: number;
  /** One-sided bounds of the last look, each at confidence 1 − alpha. */
  lowerNs?: number;
  upperNs?: number;
  /** The one-sided error level of the last look (after spending over looks). */
  alpha: number;
  /** Per-call times on the judging clock and on the other clock, in sampling order. */
  perCallNs: { cpu: number[]; wall: number[] };
  run: SamplingRun;
  /** Total CPU time over total wall time of the measured batches. */
  cpuWallRatio: number;
  /** Load average over the last minute divided by the number of cores, when it was read. */
  loadPerCore?: number;
  /** A sentence naming competition for the CPU, when there was evidence of it. */
  contention?: string;
}

/**
 * The machine's 1-minute load average divided by its core count: near or above 1 means runnable work was
 * queueing for the CPU, which inflates wall-clock times.
 *
 * @example
 * if (hostLoadPerCore() > 1) console.warn('busy machine');
 */
export function hostLoadPerCore(): number {
  const [oneMinute = 0] = loadavg();
  return oneMinute / availableParallelism();
}

/** The process had the CPU for less than this share of wall time in synchronous work: others competed. */
const minBusyShare = 0.8;
/** Load per core from which queued work is likely to have delayed an async workload. */
const busyLoadPerCore = 1;

/**
 * Names competition for the CPU during a measurement, or returns undefined when there was no sign of it.
 * For synchronous work, CPU/wall well under 1 is the direct evidence; for async work (which waits, so CPU/wall
 * is low anyway) the machine's load per core is the only witness.
 *
 * @example
 * describeContention(false, 'cpu', 0.52, 1.1); // 'the process had the CPU 52% of the wall time …'
 */
export function describeContention(isAsync: boolean, judgedOn: 'cpu' | 'wall', cpuWallRatio: number, loadPerCore: number): string | undefined {
  const effect = judgedOn === 'cpu' ? 'judged on CPU time, which competition barely moves' : 'wall-clock times are inflated';
  if (!isAsync && cpuWallRatio < minBusyShare) {
    return `the process had the CPU ${Math.round(cpuWallRatio * 100)}% of the wall time: other processes competed for it (${effect})`;
  }
  if (isAsync && loadPerCore >= busyLoadPerCore) {
    return `the machine's load was ${loadPerCore.toFixed(1)} per core: queued work competed for the CPU (${effect})`;
  }
  return undefined;
}

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
