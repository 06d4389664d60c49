import { complexityClasses } from '../engine/growth/complexityClasses.js';
import type { ScalingVerdict } from '../engine/growth/judgeScaling.js';
import { scaleInconclusiveReason } from './scaleInconclusiveReason.js';
import type { StackMeasurement } from '../engine/stack/measureStack.js';
import { median } from '../engine/stats/summarize.js';
import { formatMessage, formatTable } from './layout.js';
import type { MatcherContext } from './layout.js';
import { formatSize, formatDuration, formatMetricValue } from './units.js';

/** Plot area in characters. */
const width = 44;
const height = 9;

/**
 * A small text plot of log(value) against log(n): `●` for the measured medians, `·` for a reference curve
 * through the anchor point (the bound's growth), with the value axis labelled at its ends in the caller's units.
 *
 * @example
 * formatLogPlot([{ n: 1000, value: 2e5 }, { n: 2000, value: 8e5 }], { logCurve: n => Math.log(n), anchorN: 1000, format: formatDuration, curveName: 'O(n)' });
 */
export function formatLogPlot(
  points: readonly { n: number; value: number }[],
  reference: { logCurve: (n: number) => number; anchorN: number; format: (value: number) => string; curveName: string },
): string[] {
  const usable = points.filter((p) => p.value > 0);
  const anchor = usable.find((p) => p.n === reference.anchorN);
  if (usable.length < 2 || anchor === undefined) return [];
  const x0 = Math.log(usable[0]?.n ?? 1);
  const x1 = Math.log(usable.at(-1)?.n ?? 1);
  const logs = usable.map((p) => Math.log(p.value));
  const y0 = Math.min(...logs);
  const y1 = Math.max(...logs);
  if (!(x1 > x0) || !(y1 > y0)) return [];
  const column = (x: number): number => Math.round(((x - x0) / (x1 - x0)) * (width - 1));
  const row = (y: number): number => Math.round(((y1 - y) / (y1 - y0)) * (height - 1));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));

  const anchorY = Math.log(anchor.value) - reference.logCurve(anchor.n);
  for (let c = column(Math.log(anchor.n)); c < width; c++) {
    const n = Math.exp(x0 + (c / (width - 1)) * (x1 - x0));
    const r = row(anchorY + reference.logCurve(n));
    const cells = grid[r];
    if (cells !== undefined) cells[c] = '·';
  }
  usable.forEach((p, i) => {
    const cells = grid[row(logs[i] as number)];
    if (cells !== undefined) cells[column(Math.log(p.n))] = '●';
  });

  const top = reference.format(Math.max(...usable.map((p) => p.value)));
  const bottom = reference.format(Math.min(...usable.map((p) => p.value)));
  const margin = Math.max(top.length, bottom.length);
  const lines = grid.map((cells, r) => {
    const label = r === 0 ? top : r === height - 1 ? bottom : '';
    return `  ${label.padStart(margin)} ${r === 0 || r === height - 1 ? '┤' : '│'}${cells.join('')}`.trimEnd();
  });
  const first = `n = ${formatSize(usable[0]?.n ?? 0)}`;
  const last = formatSize(usable.at(-1)?.n ?? 0);
  lines.push(`  ${' '.repeat(margin)} └${'─'.repeat(width)}`);
  lines.push(`  ${' '.repeat(margin)}  ${first}${last.padStart(width - first.length)}`);
  lines.push(`  ${' '.repeat(margin)}  log–log: ● median, · ${reference.curveName} from n = ${formatSize(anchor.n)}`);
  return lines;
}

/**
 * The failure message of `toScaleAtMost` in perfspec's common layout: the bound, the measured exponent with its
 * interval and the best-fit class, a table of n, median and ratio to g(n), a log–log plot with the bound's
 * slope, how it was measured, a Rerun line with the sizes, and hints.
 *
 * @example
 * message: () => scaleMessage(this, result, { sizesGiven: false })
 */
export function scaleMessage(context: MatcherContext | undefined, result: ScalingVerdict, asked: { maxTimeMs?: number | undefined; effectiveMaxTimeMs: number; samples?: number | undefined; stack?: StackMeasurement | undefined }): string {
  const isNot = context?.isNot === true;
  const { judgement, measurement } = result;
  const bound = judgement.bound;
  const unit = measurement.unit;
  const statistic = describeStatistic(result);
  const fit = judgement.fit;
  const excess = judgement.excess;
  const interval = (low: number, high: number): string => `${low.toFixed(2)}–${high.toFixed(2)}`;
  const received =
    fit === undefined
      ? `${statistic} measured at ${measurement.sizes.length} ${measurement.sizes.length === 1 ? 'size' : 'sizes'}: too few to fit a growth`
      : `${statistic} grows like n^${fit.exponent.estimate.toFixed(2)} (95% CI ${interval(fit.exponent.lower, fit.exponent.upper)}) — best fit O(${fit.bestFit})`;

  const evidence: string[] = [];
  const sizes = measurement.sizes;
  const medians = sizes.map((s) => (s.values.length === 0 ? NaN : median(s.values)));
  const { logG } = complexityClasses[bound];
  const excludedReason = new Map(result.excluded.map((e) => [e.n, e.reason]));
  const firstUsed = sizes.findIndex((s) => !excludedReason.has(s.n));
  const base = firstUsed >= 0 ? Math.log(medians[firstUsed] as number) - logG(sizes[firstUsed]?.n ?? 1) : NaN;
  const rows = sizes.map((s, i) => {
    const m = medians[i] as number;
    const ratio = Math.exp(Math.log(m) - logG(s.n) - base);
    const reason = excludedReason.get(s.n);
    const note = reason === undefined ? '' : `left out: ${exclusionNotes[reason]}`;
    return [formatSize(s.n), Number.isFinite(m) ? formatMetricValue(m, unit) : '—', Number.isFinite(ratio) ? formatRatio(ratio) : '—', note];
  });
  evidence.push(...formatTable([['n', 'median', `÷ ${bound}`, ''], ...rows], [0, 1, 2]));
  if (excess !== undefined && fit !== undefined) {
    evidence.push(
      '',
      `  Excess slope over O(${bound}) for n ≥ ${formatSize(fit.slopeSizes[0] ?? 0)}: ${excess.estimate.toFixed(2)} (95% CI ${interval(excess.lower, excess.upper)}); fails when the CI lies above ${judgement.toleranceSlope}`,
      '',
      ...formatLogPlot(
        sizes.map((s, i) => ({ n: s.n, value: medians[i] as number })).filter((p) => !excludedReason.has(p.n) && Number.isFinite(p.value)),
        { logCurve: logG, anchorN: fit.slopeSizes[0] ?? 0, format: (v) => formatMetricValue(v, unit), curveName: `O(${bound})` },
      ),
    );
  }

  if (result.step !== undefined) {
    const { step } = result;
    evidence.push('', `  Step:    the cost per ${bound === '1' ? 'call' : `O(${bound})`} jumped ×${step.factor.toFixed(1)} between n = ${formatSize(step.fromN)} and n = ${formatSize(step.toN)} and is flat on both sides (a cache, hash-table or gc threshold, not growth): judged on n ≥ ${formatSize(step.toN)}`);
  }

  if (result.profile !== undefined) evidence.push('', ...whereLines(result));

  const swept = sizes.filter((s) => !(result.extended?.sizes.includes(s.n) ?? false));
  const samples = Math.min(...swept.map((s) => s.values.length));
  const kind = measurement.async ? 'async function, awaited' : 'sync function';
  const measured = [
    `${swept.length} ${swept.length === 1 ? 'size' : 'sizes'} × ${Number.isFinite(samples) ? samples : 0} samples${measurement.sampling === 'decided' ? ` (of ${measurement.samplesPerSize}: the growth was already clear)` : ''}`,
    measurement.metric === 'time' ? `${measurement.clock} clock (${kind})` : `${measurement.metric} (${kind})`,
    describeSizing(result),
    ...(result.extended === undefined ? [] : [`then n = ${result.extended.sizes.map(formatSize).join(' and ')} past them (3 samples each, ${formatDuration(result.extended.elapsedNs)}), because the excess rested on the top sizes alone`]),
    `${formatDuration(measurement.elapsedNs)} in all`,
    `CPU/wall ${result.cpuWallRatio.toFixed(2)}`,
    ...(measurement.metric === 'time' ? describeGcPauses(sizes) : []),
    result.contention === undefined ? 'no contention seen' : `contention: ${result.contention}`,
  ].join(', ');

  const rerun = [
    `sizes: [${sizes.map((s) => s.n).join(', ')}]`,
    measurement.metric === 'time' ? undefined : `metric: '${measurement.metric}'`,
    `samples: ${asked.samples ?? measurement.samplesPerSize}`,
    asked.maxTimeMs === undefined ? undefined : `maxTimeMs: ${asked.maxTimeMs}`,
  ].filter((part) => part !== undefined);

  return formatMessage(context, {
    matcher: 'toScaleAtMost',
    expectedArgument: 'complexity',
    expected: `${statistic} ${isNot ? 'growing faster than' : 'growing at most like'} O(${bound})`,
    received,
    ...(result.verdict === 'inconclusive' ? { verdict: inconclusiveVerdict(result, asked.maxTimeMs ?? asked.effectiveMaxTimeMs) } : {}),
    evidence,
    measured,
    rerun: `{ ${rerun.join(', ')} }`,
    hints: hints(result, isNot, asked.stack),
  });
}

/** The share of the sampled wall time the thread spent in gc pauses, overall and at the size where it was largest. */
function describeGcPauses(sizes: ScalingVerdict['measurement']['sizes']): string[] {
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  const share = (gcNs: number, wallNs: number): string => `${Math.round((100 * gcNs) / Math.max(wallNs, 1))}%`;
  const gcNs = sum(sizes.map((s) => sum(s.sampleGcNs)));
  if (!(gcNs > 0)) return [];
  const top = sizes.reduce((a, b) => (sum(b.sampleGcNs) / Math.max(sum(b.sampleWallNs), 1) > sum(a.sampleGcNs) / Math.max(sum(a.sampleWallNs), 1) ? b : a));
  return [`gc pauses ${share(gcNs, sum(sizes.map((s) => sum(s.sampleWallNs))))} of the sampled time (${share(sum(top.sampleGcNs), sum(top.sampleWallNs))} at n = ${formatSize(top.n)}), left out of the times`];
}

const exclusionNotes: Record<ScalingVerdict['excluded'][number]['reason'], string> = {
  'timer-noise': 'under timer noise',
  'few-samples': 'too few samples',
  zero: 'metric was 0',
};

function describeStatistic(result: ScalingVerdict): string {
  const { measurement } = result;
  switch (measurement.metric) {
    case 'time':
      return `median ${measurement.clock === 'cpu' ? 'CPU' : 'wall'} time per call`;
    case 'ops':
      return 'median operations per call (countOp)';
    case 'allocations':
      return 'median bytes allocated per call';
    case 'rows':
      return 'median rows returned by the database per call';
    case 'blocking':
      return 'median longest blocked stretch of the event loop per call';
    case 'stack':
      return 'stack per call (deepest, beyond the caller)';
    default:
      return 'median queries per call';
  }
}

function formatRatio(ratio: number): string {
  if (ratio >= 1e4 || ratio < 1e-3) return `${ratio.toExponential(1)}×`;
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

function describeSizing(result: ScalingVerdict): string {
  const { measurement } = result;
  const stopped = measurement.stoppedAt;
  switch (measurement.sizing) {
    case 'given':
      return stopped === undefined ? 'sizes as given' : `sizes as given, up to n = ${formatSize(stopped.n)} (excluded)`;
    case 'target':
      return `sizes grown until one call took ${formatDuration(measurement.targetCallNs)}`;
    case 'max-size':
      return 'sizes grown to the largest automatic size';
    case 'short-calls':
      return 'sizes grown to n = 1 024, past which calls this short would measure cache misses more than work';
    case 'setup-cost':
      return 'sizes grown until setup became too costly to batch';
    case 'time-cap':
      return 'sizes grown until the next size and the sampling would not fit the cap';
    case 'call-timeout':
      return `sizes grown until a call at n = ${formatSize(stopped?.n ?? 0)} did not settle in time`;
    default:
      return `sizes grown until n = ${formatSize(stopped?.n ?? 0)}, whose call ${stopped?.predicted ? 'was predicted to take' : 'took'} ${formatDuration(stopped?.callNs ?? 0)}, too long for the remaining budget`;
  }
}

function inconclusiveVerdict(result: ScalingVerdict, maxTimeMs: number): string {
  const usable = result.measurement.sizes.length - result.excluded.length;
  const decided = result.judgement.excess === undefined ? 'not passed: a growth cannot be read from fewer than 2 sizes' : `decided by the point estimate (${result.pass ? 'within' : 'above'} the tolerance)`;
  const stopped = result.measurement.stoppedAt;
  if (result.reason === 'no-samples') {
    const why = result.measurement.sizing === 'call-timeout' || result.measurement.sampling === 'call-timeout' ? `a call${stopped === undefined ? '' : ` at n = ${formatSize(stopped.n)}`} did not settle within the time cap` : 'the time cap ran out before any size got a sample';
    return `inconclusive: nothing was measured (${why}); not passed: there is no evidence to pass on`;
  }
  if (result.reason === 'no-ops') return 'inconclusive: no operation was counted at any size (0 countOp() calls per call); not passed: there is nothing to judge';
  if (result.reason === 'short-sweep') {
    return `inconclusive: ${scaleInconclusiveReason(result, { maxTimeMs }).why}; growth that shows only at larger n cannot be ruled out, so this does not pass`;
  }
  if (result.reason === 'flat-top') {
    return `inconclusive: the growth over the larger sizes lies below the largest three, which are flat (a step in cost near the top, e.g. a cache or hash table outgrown, or growth that stopped); ${decided}`;
  }
  if (result.reason === 'step' && result.step !== undefined) {
    return `inconclusive: a step in cost between n = ${formatSize(result.step.fromN)} and ${formatSize(result.step.toN)}, with too few sizes above it for an interval; decided by the point estimate above the step (${result.pass ? 'within' : 'above'} the tolerance)`;
  }
  if (result.reason === 'few-samples') {
    const fewest = Math.min(...result.measurement.sizes.filter((s) => s.values.length > 0).map((s) => s.values.length));
    return `inconclusive: the time cap left as few as ${fewest} ${fewest === 1 ? 'sample' : 'samples'} per size, too few for an interval; ${decided}`;
  }
  if (result.reason === 'timer-noise') return `inconclusive: only ${usable} sizes usable after leaving out those under timer noise (4 needed); ${decided}`;
  return `inconclusive: only ${usable} usable ${usable === 1 ? 'size' : 'sizes'} (4 needed); ${decided}`;
}

function whereLines(result: ScalingVerdict): string[] {
  const { profile, measurement } = result;
  if (profile === undefined) return [];
  const used = measurement.sizes.filter((s) => !result.excluded.some((e) => e.n === s.n));
  const percent = (share: number): string => `${Math.round(100 * share)}%`;
  const rows = profile.hotspots.map((h) => [
    `${h.functionName}`,
    `${h.file}:${h.hotLine?.line ?? h.line}${h.package === undefined ? '' : ` (${h.package})`}`,
    `${percent(h.shareSmall)} → ${percent(h.shareLarge)}`,
    h.regExp !== undefined ? `in RegExp ${h.regExp}` : h.builtin !== undefined ? `in ${h.builtin}` : h.hotLine === undefined ? '' : h.hotLine.text,
  ]);
  return [
    `  Where the growing time goes (CPU profiles, share of the time at n = ${formatSize(used[0]?.n ?? 0)} → ${formatSize(used.at(-1)?.n ?? 0)}):`,
    ...formatTable(rows, []).map((line) => `  ${line}`),
  ];
}

function profileHint(result: ScalingVerdict): string | undefined {
  const top = result.profile?.hotspots[0];
  if (top === undefined) return undefined;
  const where = `${top.functionName}${top.package === undefined ? ` (${top.file}:${top.line})` : ` (${top.package})`}`;
  switch (result.profile?.hint) {
    case 'regexp':
      return `the growing time is spent executing a regular expression (${top.regExp ?? top.hotLine?.text ?? ''}) in ${where}: backtracking (a quantifier whose characters can be matched in more than one way, like \\s*…\\s*$ or (a+)+) makes it quadratic or worse on long input; upgrade the package if it is a dependency, or bound the quantifier, anchor the pattern or limit the input length`;
    case 'search':
      return `the growing time is spent in a search (${top.builtin ?? top.hotLine?.text ?? ''}) in ${where}: a search inside a loop; keep the items in a Set or Map and look them up instead`;
    case 'copy':
      return `the growing time is spent copying (${top.builtin ?? top.hotLine?.text ?? ''}) in ${where}: copying inside a loop; build the result once (push into one array, join once)`;
    default:
      return `the growing time is spent in ${where}: look there for a search, copy or sort inside a loop`;
  }
}

function hints(result: ScalingVerdict, isNot: boolean, stack: StackMeasurement | undefined): string[] {
  const list: string[] = [];
  const { judgement, measurement } = result;
  const excess = judgement.excess;
  const fit = judgement.fit;
  const whereHint = profileHint(result);
  if (!isNot && result.verdict === 'fail' && excess !== undefined && whereHint !== undefined && fit?.bestFit !== '2^n') {
    list.push(`it grows about n^${excess.estimate.toFixed(2)} faster than O(${judgement.bound}); ${whereHint}`);
  } else if (!isNot && result.verdict === 'fail' && excess !== undefined) {
    if (measurement.metric === 'queries') {
      list.push(`the number of queries per call grows like n^${fit?.exponent.estimate.toFixed(2) ?? '?'}: a query per item is an N+1; load the related rows in one statement (a JOIN, or WHERE id IN (…)), and see which statement repeats with toIssueQueriesAtMost at one n`);
    } else if (measurement.metric === 'blocking') {
      list.push(`the longest stretch the call holds the event loop grows like n^${fit?.exponent.estimate.toFixed(2) ?? '?'}: synchronous work over the whole input (JSON.parse of the payload, a loop, a *Sync call); stream it, chunk it with awaits, or move it to a worker thread; toBlockEventLoopAtMost at one n names what runs`);
    } else if (measurement.metric === 'stack') {
      list.push(stackHint(result, stack));
    } else if (measurement.metric === 'rows') {
      list.push(`the rows returned per call grow like n^${fit?.exponent.estimate.toFixed(2) ?? '?'}: a statement reads the whole table; filter in SQL (WHERE), page with LIMIT or keyset pagination, or aggregate in SQL; toFetchRowsAtMost at one n names the statement`);
    } else if (measurement.metric === 'allocations' && excess.estimate >= 0.3) {
      list.push(`the bytes allocated per call grow about n^${excess.estimate.toFixed(2)} faster than O(${judgement.bound}): look for a copy or a new array/string built inside a loop; toAllocateAtMost at one n lists the allocation sites`);
    } else if (fit?.bestFit === '2^n') {
      list.push('the growth looks exponential: look for recursion that recomputes the same subproblems (memoize it)');
    } else if (excess.estimate < 0.3) {
      list.push(`it grows about n^${excess.estimate.toFixed(2)} faster than O(${judgement.bound}), the size of a log factor: look for a sort, a binary search or a tree or heap operation per item`);
    } else {
      list.push(`it grows about n^${excess.estimate.toFixed(2)} faster than O(${judgement.bound}): the work per item grows with n; look for a search, copy or sort inside a loop`);
    }
  }
  if (isNot && result.pass && measurement.metric === 'time' && judgement.bound !== '1' && judgement.bound !== '2^n') {
    list.push("time cannot tell a log factor from noise (n vs n log n); count operations with countOp() and { metric: 'ops' } to separate them");
  }
  const noisy = result.excluded.filter((e) => e.reason === 'timer-noise').map((e) => e.n);
  if (noisy.length > 0) {
    list.push(`n ≤ ${formatSize(Math.max(...noisy))}: samples under 20 µs even batched (setup too costly to batch more calls), left out; give larger { sizes } or make setup cheaper`);
  }
  const types = new Map<string, number[]>();
  for (const size of measurement.sizes) if (size.inputType !== undefined) types.set(size.inputType, [...(types.get(size.inputType) ?? []), size.n]);
  if (types.size > 1) {
    const described = [...types].map(([type, ns]) => `${type} at n = ${ns.map(formatSize).join(', ')}`).join('; ');
    list.push(`setup returned different input types across sizes (${described}): a change of representation changes the cost per item`);
  }
  if (result.reason === 'no-ops') {
    list.push("call countOp() in the measured code (run, not setup), once per operation to count, e.g. in the loop body; or use the default 'time' metric");
  } else if (result.reason === 'no-samples' && (measurement.sizing === 'call-timeout' || measurement.sampling === 'call-timeout')) {
    list.push('the measured call never settled: check that its promise resolves (a callback never called, an awaited promise nobody resolves), or raise maxTimeMs if it is only slow');
  } else if (result.reason === 'short-sweep') {
    list.push(
      result.measurement.sizing === 'time-cap'
        ? `give the sweep more room: raise maxTimeMs${result.contention === undefined ? '' : ' (the machine was busy: see Measured)'}, or pass { sizes } that reach calls of a few ms`
        : 'pass { sizes } that reach calls of a few ms (larger n, or more work per call): these calls are still dominated by what does not grow',
    );
  } else if (result.verdict === 'inconclusive') {
    list.push('give more room: raise maxTimeMs, or pass { sizes } (≥ 4, increasing) whose calls take between 10 µs and 10 ms');
  }
  if (measurement.sizing === 'over-budget' && measurement.stoppedAt !== undefined) {
    list.push(`the sweep stopped before n = ${formatSize(measurement.stoppedAt.n)} to stay within the time cap; the sizes measured so far decided`);
  }
  if (measurement.sampling === 'time-cap') list.push('the time cap ended sampling early: some sizes have fewer samples than asked for');
  return list;
}

/**
 * The stack metric's failure hint: the growth, the recursive function of the largest size's deepest stack, and the
 * n at which the free stack runs out if the fitted power law holds (b(n) = b(n_max) · (n / n_max)^exponent).
 */
function stackHint(result: ScalingVerdict, stack: StackMeasurement | undefined): string {
  const fit = result.judgement.fit;
  const exponent = fit?.exponent.estimate;
  const largest = result.measurement.sizes.filter((size) => size.values.length > 0).at(-1);
  const parts = [`the stack each call needs grows like n^${exponent?.toFixed(2) ?? '?'}: recursion whose depth grows with n`];
  if (stack?.recursion !== undefined && largest !== undefined) {
    parts[0] += ` — ${stack.recursion.name} (${stack.recursion.site}), ${stack.recursion.frames.toLocaleString('en-US')} frames deep at n = ${formatSize(largest.n)}`;
  }
  const largestBytes = largest === undefined ? undefined : median(largest.values);
  if (stack !== undefined && largest !== undefined && largestBytes !== undefined && largestBytes > 0 && exponent !== undefined && exponent > 0.1) {
    const overflowN = largest.n * (stack.availableBytes / largestBytes) ** (1 / exponent);
    if (Number.isFinite(overflowN) && overflowN < 1e12) {
      const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(overflowN)) - 1);
      parts.push(`at n ≈ ${formatSize(Math.round(overflowN / magnitude) * magnitude)} this overflows the stack (${formatMetricValue(stack.availableBytes, 'B')} free from an event-loop callback, Node's default being 984 KiB)`);
    }
  }
  parts.push('rewrite it as a loop over an explicit stack (an array of pending items), or recurse only into the smaller part; toUseStackAtMost at one n names the frames');
  return parts.join('; ');
}

