import type { ScalingVerdict } from '../engine/growth/judgeScaling.js';
import { formatDuration, formatSize } from './units.js';

const metricRemedy: Record<string, string> = {
  ops: "the 'ops' metric counts countOp() calls: call countOp() once per unit of work inside the workload (import { countOp } from 'perfspec')",
  allocations: "the workload allocated nothing measurable at any size: judge it on { metric: 'time' }, or check that it does its work",
  queries: 'no query was counted at any size: pass the client to trackQueries() if its driver is not detected, or judge another metric',
  stack: 'the call needed no stack at any size, which a call cannot: report it as a perfspec bug',
  time: 'give larger { sizes }: calls this short are below timer noise',
};

/**
 * Why a `toScaleAtMost` verdict was inconclusive (or measured nothing usable), and what would give a decisive
 * measurement: each one clause. `evidence` is `'none'` when no growth could be estimated at all.
 *
 * @example
 * const { why, remedy, evidence } = scaleInconclusiveReason(result, { maxTimeMs: 2000 });
 */
export function scaleInconclusiveReason(result: ScalingVerdict, asked: { maxTimeMs: number }): { why: string; remedy: string; evidence?: 'none' } {
  const { measurement, excluded } = result;
  const sizes = measurement.sizes.length;
  const usable = sizes - excluded.length;
  const none = result.verdict === 'inconclusive' && result.judgement.excess === undefined;
  const evidence = none ? { evidence: 'none' as const } : {};
  const sampled = measurement.sizes.filter((s) => s.values.length > 0);
  const room = `raise maxTimeMs (now ${asked.maxTimeMs} ms), or pass fewer or smaller { sizes } (≥ 4, increasing) whose calls take between 10 µs and 10 ms`;
  const stopped = measurement.stoppedAt;
  if (none && (measurement.sizing === 'call-timeout' || measurement.sampling === 'call-timeout')) {
    return {
      why: `a call${stopped === undefined ? '' : ` at n = ${formatSize(stopped.n)}`} did not settle within the time cap`,
      remedy: 'check that its promise resolves (a callback never called, an awaited promise nobody resolves), or raise maxTimeMs if it is only slow',
      ...evidence,
    };
  }
  if (none && sizes === 0) {
    const why =
      stopped === undefined
        ? 'no size was measured before the time cap'
        : `no size was measured: one call at n = ${formatSize(stopped.n)} ${stopped.predicted ? 'was predicted to take' : 'took'} ${formatDuration(stopped.callNs)}, more than the time cap left`;
    return { why, remedy: room, ...evidence };
  }
  if (none && sizes > 0 && sampled.length > 0 && excluded.every((e) => e.reason === 'zero')) {
    return { why: `the '${measurement.metric}' metric was 0 at every size`, remedy: metricRemedy[measurement.metric] ?? room, ...evidence };
  }
  if (result.reason === 'few-samples' || (none && sampled.length < sizes)) {
    const fewest = Math.min(...measurement.sizes.map((s) => s.values.length));
    const perSize = `${fewest} ${fewest === 1 ? 'sample' : 'samples'}`;
    return {
      why: none
        ? `the time cap left ${usable} usable ${usable === 1 ? 'size' : 'sizes'} of ${sizes} (as few as ${perSize} per size)`
        : `the time cap left as few as ${perSize} per size, too few for an interval`,
      remedy: room,
      ...evidence,
    };
  }
  if (result.reason === 'short-sweep') {
    return {
      why: shortSweepWhy(result),
      remedy: measurement.sizing === 'time-cap' ? room : 'pass { sizes } that reach calls of a few ms (larger n)',
    };
  }
  if (result.reason === 'timer-noise') {
    return { why: `only ${usable} ${usable === 1 ? 'size' : 'sizes'} usable after leaving out those under timer noise (4 needed)`, remedy: metricRemedy['time'] as string, ...evidence };
  }
  return { why: `only ${usable} usable ${usable === 1 ? 'size' : 'sizes'} (4 needed)`, remedy: room, ...evidence };
}

function shortSweepWhy(result: ScalingVerdict): string {
  const { measurement } = result;
  const largest = measurement.sizes.at(-1);
  const ended = measurement.sizing === 'time-cap' ? 'the time cap' : measurement.sizing === 'max-size' ? 'the largest automatic size' : 'the sweep';
  return `${ended} ended the sizes at n = ${formatSize(largest?.n ?? 0)}, whose call took ${formatDuration(largest?.workNs ?? 0)}, before calls reached ${formatDuration(measurement.targetCallNs)}`;
}
