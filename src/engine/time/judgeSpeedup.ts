import { statisticBounds } from '../stats/statisticBounds.js';
import type { Workload } from '../workload.js';
import { describeContention, hostLoadPerCore } from './judgeTime.js';
import { logRatios } from './logRatios.js';
import { nativeClock } from './nativeClock.js';
import type { Clock, ClockMode } from './nativeClock.js';
import { sampleInterleaved } from './sampleInterleaved.js';
import type { InterleavedRun } from './sampleInterleaved.js';
import { sequentialLook } from './sampleSequentially.js';

/**
 * Options of `judgeSpeedup`. Durations in ms as named.
 *
 * @example
 * await judgeSpeedup(candidate, baseline, 1.5, { clockMode: 'cpu', maxTimeMs: 2000 });
 */
export interface JudgeSpeedupOptions {
  clockMode?: ClockMode;
  /** Cap on measuring time for both workloads together, warm-ups included (default 1000 ms). */
  maxTimeMs?: number;
  clock?: Clock;
  /** Reads the machine's load per core (default: the 1-minute load average over the core count). */
  loadPerCore?: () => number;
  /** Error rate of a fail verdict, spread over all looks (default 0.01). */
  totalAlpha?: number;
  /** Error rate of a pass verdict, spread over all looks (default 0.001): passing equal functions is the worse error. */
  passAlpha?: number;
  /** Seed of the order within each pair. */
  seed?: number;
}

/**
 * The outcome of comparing a workload's speed with a reference's. Speedups are reference time ÷ received time
 * per call (2 means the received workload takes half the time); `verdict` is the engine's certainty, and
 * `meetsClaim` says which side of `by` the point estimate lies on (what an inconclusive verdict falls back to).
 *
 * @example
 * const result = await judgeSpeedup(candidate, baseline, 1.5);
 * if (result.verdict === 'pass') console.log(`${result.speedup.toFixed(2)}× faster`);
 */
export interface SpeedupVerdict {
  verdict: 'pass' | 'fail' | 'inconclusive';
  /** Why the run was inconclusive, or for `'call-timeout'` why it failed without an interval. */
  reason?: 'time-cap' | 'single-call' | 'near-threshold' | 'call-timeout' | 'unmeasured';
  /** The speedup asked for. */
  by: number;
  /** Median over pairs of the per-pair speedup. */
  speedup: number;
  /** One-sided bounds of the median speedup at the last look: lower at confidence 1 − passAlpha, upper at 1 − alpha. */
  lower?: number;
  upper?: number;
  alpha: number;
  passAlpha: number;
  /** Whether the point estimate exceeds `by`. */
  meetsClaim: boolean;
  /** Per-call times of each workload on the judging clock, in pair order (ns). */
  perCallNs: { received: number[]; reference: number[] };
  run: InterleavedRun;
  /** Total CPU time over total wall time of the timed pairs. */
  cpuWallRatio: number;
  loadPerCore?: number;
  contention?: string;
}

/**
 * Speedups within this factor of `by` are called inconclusive: two separately compiled copies of one function
 * measure a few percent apart (JIT decisions, code placement), so a claim that close is not a property of the code.
 */
const nearThresholdFactor = 1.05;

/**
 * Decides whether a workload is at least `by` times faster than a reference, both measured in the same process,
 * interleaved pair by pair: the statistic is the median of the per-pair speedups, with distribution-free
 * order-statistic bounds; sampling stops once a bound clears `by` (pass or fail), the interval lies within 5% of
 * `by` (inconclusive), or the cap ends it (inconclusive). Errors thrown by either workload propagate unchanged.
 *
 * @param by - the speedup claimed (reference time ÷ received time), a positive number; 1 means "faster at all".
 * @example
 * const result = await judgeSpeedup({ call: () => newParse(doc) }, { call: () => oldParse(doc) }, 1.2);
 * result.verdict; // 'pass' | 'fail' | 'inconclusive'
 */
export async function judgeSpeedup(received: Workload, reference: Workload, by: number, options: JudgeSpeedupOptions = {}): Promise<SpeedupVerdict> {
  const maxTimeMs = options.maxTimeMs ?? 1000;
  const totalAlpha = options.totalAlpha ?? 0.01;
  // The pass side spends a tenth as much error: at 0.01 per side, 1 in 100–200 runs of two equal functions with
  // heavy-tailed noise passed (seeded test); a gate must not call equal code faster.
  const passShare = (options.passAlpha ?? 0.001) / totalAlpha;
  const boundsAt = (sorted: readonly number[], alpha: number): { estimate: number; lower?: number; upper?: number } => {
    const { estimate, lower } = statisticBounds(sorted, 'median', alpha * passShare);
    const { upper } = statisticBounds(sorted, 'median', alpha);
    return { estimate, ...(lower === undefined ? {} : { lower }), ...(upper === undefined ? {} : { upper }) };
  };
  const threshold = Math.log(by);
  const near = Math.log(nearThresholdFactor);
  const loadPerCore = (options.loadPerCore ?? hostLoadPerCore)();
  const run = await sampleInterleaved(
    received,
    reference,
    {
      clock: options.clock ?? nativeClock,
      clockMode: options.clockMode ?? 'auto',
      maxTimeMs,
      totalAlpha,
      callTimeoutNs: maxTimeMs * 1e6,
      hostLoadPerCore: loadPerCore,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    },
    (sorted, alpha) => {
      const { lower, upper } = boundsAt(sorted, alpha);
      if (lower !== undefined && lower > threshold) return true;
      if (upper !== undefined && upper < threshold) return true;
      return lower !== undefined && upper !== undefined && lower > threshold - near && upper < threshold + near;
    },
  );
  const perCall = (s: { cpuNs: number; wallNs: number; calls: number }): number => (run.clock === 'cpu' ? s.cpuNs : s.wallNs) / s.calls;
  const sorted = logRatios(run.pairs, perCall).sort((a, b) => a - b);
  const alpha = sequentialLook(Math.max(1, run.looks), totalAlpha).alpha;
  const bounds: { estimate: number; lower?: number; upper?: number } = sorted.length > 0 ? boundsAt(sorted, alpha) : { estimate: Number.NaN };
  const totalCpu = run.pairs.reduce((sum, p) => sum + p.received.cpuNs + p.reference.cpuNs, 0);
  const totalWall = run.pairs.reduce((sum, p) => sum + p.received.wallNs + p.reference.wallNs, 0);
  const cpuWallRatio = totalWall > 0 ? totalCpu / totalWall : 1;
  const speedup = Math.exp(bounds.estimate);

  const result: SpeedupVerdict = {
    verdict: 'inconclusive',
    by,
    speedup,
    alpha,
    passAlpha: alpha * passShare,
    // Strictly: a tie (equal readings of a coarse clock) is not "faster".
    meetsClaim: speedup > by,
    perCallNs: { received: run.pairs.map((p) => perCall(p.received)), reference: run.pairs.map((p) => perCall(p.reference)) },
    run,
    cpuWallRatio,
    loadPerCore,
  };
  if (bounds.lower !== undefined) result.lower = Math.exp(bounds.lower);
  if (bounds.upper !== undefined) result.upper = Math.exp(bounds.upper);
  const contention = describeContention(run.async, run.clock, cpuWallRatio, loadPerCore);
  if (contention !== undefined) result.contention = contention;

  if (run.stoppedBy === 'call-timeout') return { ...result, verdict: 'fail', reason: 'call-timeout', meetsClaim: false };
  // A CPU clock that resolved no batch gives no evidence either way: inconclusive, and never a pass.
  if (run.stoppedBy === 'unmeasured') return { ...result, reason: 'unmeasured', meetsClaim: false };
  if (run.stoppedBy === 'single-call') return { ...result, reason: 'single-call' };
  if (run.stoppedBy === 'time-cap') return { ...result, reason: 'time-cap' };
  if (Math.abs(bounds.estimate - threshold) < near) return { ...result, reason: 'near-threshold' };
  if (bounds.lower !== undefined && bounds.lower > threshold) return { ...result, verdict: 'pass' };
  if (bounds.upper !== undefined && bounds.upper < threshold) return { ...result, verdict: 'fail' };
  return { ...result, reason: 'time-cap' };
}
