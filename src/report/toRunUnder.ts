import type { ClockMode } from '../engine/time/nativeClock.js';
import { summarize } from '../engine/stats/summarize.js';
import type { TimeVerdict } from '../engine/time/judgeTime.js';
import type { MatcherContext } from './layout.js';
import { formatDuration, formatRatio, plural } from './units.js';
import { formatMessage, formatTable } from './layout.js';

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
  asked: { budgetMs: number; timeScale: number; clockMode: ClockMode; maxTimeMs: number; n?: number | undefined },
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
    ...(result.verdict === 'inconclusive' ? { verdict: inconclusiveVerdict(result, asked.maxTimeMs) } : {}),
    evidence,
    measured,
    rerun: `{ ${rerunOptions.join(', ')} }`,
    hints: hints(result, isNot, asked.clockMode),
  });
}

function inconclusiveVerdict(result: TimeVerdict, maxTimeMs: number): string {
  const decided = `decided by the point estimate (${result.pass ? 'within' : 'over'} budget)`;
  switch (result.reason) {
    case 'near-budget':
      return `inconclusive: the estimate is within 5% of the budget; ${decided}`;
    case 'unmeasured':
      return `inconclusive: the CPU clock did not resolve most batches (it did not advance, or far less than wall time), so there is no evidence for a pass`;
    case 'single-call':
      return `inconclusive: one call outlasted the ${maxTimeMs} ms cap, so it was measured once; ${decided}`;
    default:
      if (result.run.fromWarmup) {
        return `inconclusive: calls are so slow that the ${maxTimeMs} ms cap left no time after warm-up, so the ${result.run.samples.length} warm-up ${plural(result.run.samples.length, 'batch')} were judged; ${decided}`;
      }
      return `inconclusive: the ${maxTimeMs} ms cap ended sampling before the bounds cleared the budget; ${decided}`;
  }
}

function hints(result: TimeVerdict, isNot: boolean, clockMode: ClockMode): string[] {
  const list: string[] = [];
  const ratio = result.estimateNs / result.budgetNs;
  if (result.reason === 'near-budget') {
    list.push('separate runs on one machine differ by 4–7%, so a verdict this close can flip: leave ≥ 20% headroom in the budget');
  } else if (result.reason === 'time-cap') {
    list.push('raise maxTimeMs for more samples, or leave more headroom between the usual time and the budget');
  } else if (result.reason === 'single-call') {
    list.push('a single call includes JIT warm-up and any gc; raise maxTimeMs above a few calls for a steadier verdict');
  } else if (result.reason === 'unmeasured') {
    list.push("rerun with { clock: 'wall' } on an idle machine, or report the Node version and kernel: this CPU clock cannot time these calls");
  } else if (result.reason === 'call-timeout') {
    list.push('the abandoned call may still be running in the background; look for a promise that never settles');
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

function trimPercent(fraction: number): string {
  return (fraction * 100).toFixed(4).replace(/\.?0+$/, '');
}
