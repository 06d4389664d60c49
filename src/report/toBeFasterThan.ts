import type { SpeedupVerdict } from '../engine/time/judgeSpeedup.js';
import type { ClockMode } from '../engine/time/nativeClock.js';
import { summarize } from '../engine/stats/summarize.js';
import type { MatcherContext } from './layout.js';
import { formatMessage, formatTable } from './layout.js';
import { formatDuration, formatRatio, plural } from './units.js';

/**
 * The failure message of `toBeFasterThan` in perfspec's common layout: the claimed speedup, the median paired
 * speedup with its confidence bounds, both workloads' per-call distributions and the per-pair speedups, how they
 * were measured, a Rerun line and hints.
 *
 * @example
 * message: () => speedupMessage(this, result, { clockMode: 'auto', maxTimeMs: 1000 })
 */
export function speedupMessage(
  context: MatcherContext | undefined,
  result: SpeedupVerdict,
  asked: { clockMode: ClockMode; maxTimeMs: number; n?: number | undefined },
): string {
  const isNot = context?.isNot === true;
  const { run } = result;
  const clockName = run.clock === 'cpu' ? 'CPU' : 'wall';
  const statistic = `median of paired ${clockName}-time speedups, reference ÷ received`;
  const claim = result.by === 1 ? 'faster than the reference' : `at least ${formatRatio(result.by)} faster than the reference`;
  const shownBounds = [
    result.lower === undefined ? undefined : `lower ${formatRatio(result.lower)} at ${trimPercent(1 - result.passAlpha)}%`,
    result.upper === undefined ? undefined : `upper ${formatRatio(result.upper)} at ${trimPercent(1 - result.alpha)}%`,
  ].filter((part) => part !== undefined);
  const bounds = shownBounds.length > 0 ? ` (one-sided bounds: ${shownBounds.join(', ')})` : ' (too few pairs for a confidence bound)';
  const received =
    result.reason === 'call-timeout'
      ? `a call of the ${run.timedOut ?? 'received'} function had not settled after ${asked.maxTimeMs} ms: abandoned`
      : Number.isNaN(result.speedup)
        ? 'no pair was measured'
        : `${formatRatio(result.speedup)}${result.speedup < 1 ? ` (slower: the reference is ${formatRatio(1 / result.speedup)} faster)` : ' faster'}${bounds}`;

  const evidence: string[] = [];
  if (run.pairs.length > 0) {
    const row = (name: string, values: number[], format: (value: number) => string): string[] => {
      const s = summarize(values);
      return [name, ...[s.min, s.median, s.p95, s.max].map(format)];
    };
    const speedups = result.perCallNs.received.map((ns, i) => (result.perCallNs.reference[i] ?? Number.NaN) / ns).filter((x) => Number.isFinite(x));
    const rows = [
      [`${clockName} time per call`, 'min', 'median', 'p95', 'max'],
      row('received', result.perCallNs.received, formatDuration),
      row('reference', result.perCallNs.reference, formatDuration),
    ];
    if (speedups.length > 0) rows.push(row('speedup per pair', speedups, formatRatio));
    evidence.push(...formatTable(rows, [1, 2, 3, 4]));
  }

  const calls = run.warmup.received.warmupCalls + run.warmup.reference.warmupCalls;
  const kind = run.async ? 'async, awaited' : 'sync';
  const cpuSource = run.warmup.received.cpuSource;
  const measured = [
    `${run.pairs.length} ${plural(run.pairs.length, 'pair')} × ${run.batchSize} ${plural(run.batchSize, 'call')} each, interleaved in random order`,
    `${run.clock} clock (${kind}${run.clock === 'cpu' && cpuSource !== undefined ? `; ${cpuSource}` : ''})`,
    ...(run.unmeasured > 0 ? [`${run.unmeasured} ${plural(run.unmeasured, 'pair')} left out: the CPU clock did not resolve them`] : []),
    `warm-up ${calls} calls in ${formatDuration(run.warmupNs)}`,
    `${formatDuration(run.elapsedNs)} in all`,
    `CPU/wall ${result.cpuWallRatio.toFixed(2)}`,
    result.contention === undefined ? 'no contention seen' : `contention: ${result.contention}`,
  ].join(', ');
  const rerun = [asked.n === undefined ? undefined : `n: ${asked.n}`, `by: ${result.by}`, `clock: '${run.clock}'`, `maxTimeMs: ${asked.maxTimeMs}`].filter(
    (part) => part !== undefined,
  );

  return formatMessage(context, {
    matcher: 'toBeFasterThan',
    expectedArgument: 'reference',
    expected: `${isNot ? 'not ' : ''}${claim} (${statistic})`,
    received,
    ...(result.verdict === 'inconclusive' ? { verdict: inconclusiveVerdict(result, asked.maxTimeMs) } : {}),
    evidence,
    measured,
    rerun: `{ ${rerun.join(', ')} }`,
    hints: hints(result, isNot),
  });
}

function inconclusiveVerdict(result: SpeedupVerdict, maxTimeMs: number): string {
  const decided = `decided by the point estimate (${result.meetsClaim ? 'above' : 'not above'} ${formatRatio(result.by)})`;
  switch (result.reason) {
    case 'near-threshold':
      return `inconclusive: the speedup is within 5% of ${formatRatio(result.by)}, too close to tell apart; counted as not faster by ${formatRatio(result.by)}`;
    case 'unmeasured':
      return 'inconclusive: the CPU clock did not resolve the batches (it did not advance), so there is no evidence for a pass';
    case 'single-call':
      return `inconclusive: a call outlasted its share of the ${maxTimeMs} ms cap, so each function was timed once; ${decided}`;
    default:
      return `inconclusive: the ${maxTimeMs} ms cap ended sampling before the bounds cleared ${formatRatio(result.by)}; ${decided}`;
  }
}

function hints(result: SpeedupVerdict, isNot: boolean): string[] {
  const list: string[] = [];
  if (result.reason === 'near-threshold') {
    list.push('two copies of one function can measure a few percent apart, so a claim this close can flip: claim a speedup with headroom');
  } else if (result.reason === 'time-cap') {
    list.push('raise maxTimeMs for more pairs, or claim a speedup further from what the code achieves');
  } else if (result.reason === 'single-call') {
    list.push('a single call includes JIT warm-up and any gc; raise maxTimeMs above a few calls of each for a steadier verdict');
  } else if (result.reason === 'unmeasured') {
    list.push("rerun with { clock: 'wall' } on an idle machine, or report the Node version and kernel: this CPU clock cannot time these calls");
  } else if (result.reason === 'call-timeout') {
    list.push('the abandoned call may still be running in the background; look for a promise that never settles');
  } else if (!isNot && result.speedup < 1) {
    list.push('the received function is slower than the reference: profile both (node --cpu-prof) to see where the time goes');
  } else if (!isNot) {
    list.push(`the received function is faster, but by ${formatRatio(result.speedup)}, not ${formatRatio(result.by)}`);
  } else {
    list.push(`the received function is ${formatRatio(result.speedup)} faster, so it is at least ${formatRatio(result.by)} faster`);
  }
  if (result.run.batchSize > 1) {
    list.push(`each sample timed ${result.run.batchSize} consecutive calls of one function (one call is too short to time alone)`);
  }
  return list;
}

function trimPercent(fraction: number): string {
  return (fraction * 100).toFixed(4).replace(/\.?0+$/, '');
}
