import type { SamplingRun } from './SamplingRun.js';
import type { Statistic } from './Statistic.js';

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
