import type { ClockMode } from '../engine/time/nativeClock.js';
import { summarize } from '../engine/stats/summarize.js';
import type { TimeVerdict } from '../engine/time/judgeTime.js';
import type { MatcherContext } from './layout.js';
import { formatDuration, formatRatio, plural } from './units.js';
import { formatMessage, formatTable } from './layout.js';
import { groupByShape } from '../queries/groupByShape.js';
import type { QueryLog } from '../queries/measureQueries.js';
import { timeInconclusiveReason } from './timeInconclusiveReason.js';

/**
 * The failure message of `toRunUnder` in perfspec's common layout: the statistic against the budget with its
 * confidence bounds, per-call min/median/p95/max on both clocks, how it was measured, a Rerun line and hints.
 *
 * @example
 * message: () => timeMessage(this, result, { budgetMs: 5, timeScale: 1, clockMode: 'auto', maxTimeMs: 1000 })
 */
export function timeMessage(
  context: MatcherContext | undefined,
  result: TimeVerdict,
  asked: {
    budgetMs: number;
    timeScale: number;
    clockMode: ClockMode;
    maxTimeMs: number;
    n?: number | undefined;
    /** One more call of an async workload that mostly waited, under the query spy (or 'failed' if it threw). */
    waitedOn?: QueryLog | 'failed' | undefined;
  },
): string {
  const isNot = context?.isNot === true;
  const { run } = result;
  const what = `${result.statistic} ${run.clock === 'cpu' ? 'CPU' : 'wall'} time per call`;
  const scaled = asked.timeScale === 1 ? '' : ` (${asked.budgetMs} ms × timeScale ${asked.timeScale})`;
  const ratio = result.estimateNs / result.budgetNs;
  const confidence = `${trimPercent(1 - result.alpha)}%`;
  const bounds =
    result.lowerNs !== undefined && result.upperNs !== undefined
      ? ` (one-sided ${confidence} bounds ${formatDuration(result.lowerNs)}–${formatDuration(result.upperNs)})`
      : run.samples.length > 1
        ? ' (too few samples for a confidence bound)'
        : '';
  const received =
    result.reason === 'call-timeout'
      ? `a call had not settled after ${formatDuration(run.samples[0]?.wallNs ?? 0)}: abandoned as over budget`
      : `${what} ${formatDuration(result.estimateNs)}${bounds}, ${formatRatio(ratio)} the budget`;

  const cpu = summarize(result.perCallNs.cpu);
  const wall = summarize(result.perCallNs.wall);
  const row = (name: string, s: typeof cpu): string[] => [name, ...[s.min, s.median, s.p95, s.max].map(formatDuration)];
  const judgedFirst = run.clock === 'cpu' ? [row('cpu', cpu), row('wall', wall)] : [row('wall', wall), row('cpu', cpu)];
  const evidence = formatTable([['per call', 'min', 'median', 'p95', 'max'], ...judgedFirst], [1, 2, 3, 4]);

  const calls = run.samples.reduce((sum, s) => sum + s.calls, 0);
  const kind = run.async ? 'async function, awaited' : 'sync function';
  const measured = [
    `${run.samples.length} ${plural(run.samples.length, 'sample')} × ${run.batchSize} ${plural(run.batchSize, 'call')} (${calls} calls)`,
    `${run.clock} clock (${kind}${run.clock === 'cpu' && run.cpuSource !== undefined ? `; ${run.cpuSource}` : ''})`,
    ...(run.coarseCpuClock === true ? [`wall clock because the CPU clock is too coarse for the cap (${run.cpuSource ?? 'unknown'})`] : []),
    ...((run.unmeasured ?? 0) > 0 ? [`${run.unmeasured} ${plural(run.unmeasured ?? 0, 'batch')} left out: the CPU clock did not resolve them`] : []),
    `warm-up ${run.warmupCalls} calls in ${formatDuration(run.warmupNs)}`,
    `${formatDuration(run.elapsedNs)} in all`,
    `CPU/wall ${result.cpuWallRatio.toFixed(2)}`,
    result.contention === undefined ? 'no contention seen' : `contention: ${result.contention}`,
  ].join(', ');

  const rerunOptions = [
    asked.n === undefined ? undefined : `n: ${asked.n}`,
    `statistic: '${result.statistic}'`,
    `clock: '${run.clock}'`,
    `maxTimeMs: ${asked.maxTimeMs}`,
  ].filter((part) => part !== undefined);

  return formatMessage(context, {
    matcher: 'toRunUnder',
    expectedArgument: 'budgetMs',
    expected: `${what} ${isNot ? 'not under' : 'under'} ${formatDuration(result.budgetNs)}${scaled}`,
    received,
    ...(result.verdict === 'inconclusive' ? { verdict: verdictLine(result, asked.maxTimeMs) } : {}),
    evidence,
    measured,
    rerun: `{ ${rerunOptions.join(', ')} }`,
    hints: hints(result, isNot, asked.clockMode, asked.maxTimeMs, asked.waitedOn),
  });
}

function verdictLine(result: TimeVerdict, maxTimeMs: number): string {
  const { why } = timeInconclusiveReason(result, maxTimeMs);
  if (result.reason === 'unmeasured') return `no evidence: ${why}`;
  return `inconclusive: ${why}; decided by the point estimate (${result.pass ? 'within' : 'over'} budget)`;
}

function hints(result: TimeVerdict, isNot: boolean, clockMode: ClockMode, maxTimeMs: number, waitedOn: QueryLog | 'failed' | undefined): string[] {
  const list: string[] = [];
  const ratio = result.estimateNs / result.budgetNs;
  if (result.verdict === 'inconclusive') {
    list.push(timeInconclusiveReason(result, maxTimeMs).remedy);
  } else if (result.reason === 'call-timeout') {
    list.push('the abandoned call may still be running in the background; look for a promise that never settles');
  } else if (!isNot && ratio > 1 && waitedOn !== undefined) {
    list.push(`the ${result.statistic} is ${formatRatio(ratio)} the budget; ${waitingHint(result.cpuWallRatio, waitedOn)}`);
  } else if (!isNot && ratio > 1) {
    list.push(`the ${result.statistic} is ${formatRatio(ratio)} the budget: profile one call (node --cpu-prof) to see where the time goes`);
  } else if (isNot) {
    list.push(`the ${result.statistic} is ${formatRatio(ratio)} the budget, so it does run under it`);
  }
  if (result.contention !== undefined && result.run.clock === 'wall' && !result.run.async && clockMode === 'wall') {
    list.push("for synchronous work, { clock: 'cpu' } ignores time lost to other processes");
  }
  if (result.run.batchSize > 1) {
    list.push(`each sample timed ${result.run.batchSize} consecutive calls (one call is too short to time alone); percentiles are of those batches`);
  }
  return list;
}

function waitingHint(cpuWallRatio: number, log: QueryLog | 'failed'): string {
  const waiting = `the call was waiting ${Math.round((1 - cpuWallRatio) * 100)}% of its wall time (CPU/wall ${cpuWallRatio.toFixed(2)}), which a CPU profile does not show`;
  if (log === 'failed') return `${waiting}; look at the I/O it awaits (queries, requests, timers, files), not at its CPU`;
  if (log.queries.length + log.requests.length === 0) {
    return `${waiting}; the query spy saw no statement or request during one call, so it waited on something else (timers, file or socket I/O, or a client perfspec does not see: pass it to trackQueries())`;
  }
  const described = (noun: [string, string], list: QueryLog['queries']): string | undefined => {
    if (list.length === 0) return undefined;
    const groups = groupByShape(list);
    const shapes = groups.slice(0, 3).map((g) => `${g.count > 1 ? `${g.count}× ` : ''}${g.shape.length > 60 ? `${g.shape.slice(0, 57)}…` : g.shape}`);
    const spent = list.reduce((sum, event) => sum + (event.durationMs ?? 0), 0);
    return `${list.length} ${list.length === 1 ? noun[0] : noun[1]} (${shapes.join('; ')}${groups.length > 3 ? '; …' : ''}), ${spent.toFixed(1)} ms in all`;
  };
  const parts = [described(['query', 'queries'], log.queries), described(['request', 'requests'], log.requests)].filter((p) => p !== undefined);
  return `${waiting}: during one call (${log.elapsedMs.toFixed(1)} ms) it issued ${parts.join(' and ')}; make fewer round trips, batch them, or run independent ones concurrently`;
}

function trimPercent(fraction: number): string {
  return (fraction * 100).toFixed(4).replace(/\.?0+$/, '');
}
