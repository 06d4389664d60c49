import type { RetentionMeasurement } from '../engine/heap/measureRetention.js';
import { retentionAllowance } from '../engine/heap/measureRetention.js';
import type { SiteProfile } from '../engine/heap/profileAllocationSites.js';
import type { MatcherContext } from './layout.js';
import { formatBytes, formatDuration } from './units.js';
import { formatMessage, formatTable, siteLines } from './layout.js';

/**
 * The failure message of `toRetainAtMost` in perfspec's common layout: retained bytes per call against the
 * allowance, growth per block and per call, the sites of the retained memory when collected, how it was
 * measured, a Rerun line and hints.
 *
 * @param context - the matcher's `this`.
 * @param measurement - what `measureRetention` found.
 * @param asked - the allowance in bytes per call, the options in force (maxTimeMs in ms), and the sites.
 * @example
 * message: () => retentionMessage(this, measurement, { bytesPerCall: 0, maxTimeMs: 1000 })
 */
export function retentionMessage(
  context: MatcherContext | undefined,
  measurement: RetentionMeasurement,
  asked: { bytesPerCall: number; maxTimeMs: number; n?: number | undefined; sites?: SiteProfile | undefined },
): string {
  const isNot = context?.isNot === true;
  const m = measurement;
  const calls = m.callsPerBlock;
  const judged = m.growthBytes.slice(1);
  const allowed = retentionAllowance(calls, asked.bytesPerCall);
  const grew = judged.filter((bytes) => bytes > allowed).length;
  const meanPerCall = judged.reduce((sum, bytes) => sum + bytes, 0) / (judged.length * calls);
  const rows = m.growthBytes.map((bytes, i) => [
    String(i + 1),
    String(calls),
    formatBytes(bytes),
    formatBytes(bytes / calls),
    i === 0 ? 'not judged (caches fill, code warms up)' : bytes > allowed ? 'over' : 'within',
  ]);
  const evidence = formatTable([['block', 'calls', 'growth', 'per call', ''], ...rows], [0, 1, 2, 3]);
  if (asked.sites !== undefined) evidence.push('', ...siteLines('Where the retained memory was allocated, per call', asked.sites, calls));
  const measured = [
    `${m.growthBytes.length} blocks × ${calls} calls (${m.async ? 'async function, awaited' : 'sync function'}), full gc after each block`,
    `empty-function offset subtracted (median of ${m.offsetBytes.map(formatBytes).join(', ')})`,
    `a block is over when it grew more than ${formatBytes(allowed)} (allowance + 1 KiB noise floor)`,
    m.stoppedBy === 'time-cap' ? `time cap reached after ${m.growthBytes.length} of ${m.blocksAsked} blocks` : undefined,
    formatDuration(m.elapsedMs * 1e6),
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const rerun = [asked.n === undefined ? undefined : `n: ${asked.n}`, `blocks: ${m.blocksAsked}`, `callsPerBlock: ${calls}`, `maxTimeMs: ${asked.maxTimeMs}`]
    .filter((part) => part !== undefined)
    .join(', ');
  const hints: string[] = [];
  if (isNot) hints.push(`${grew === judged.length ? 'every' : `${grew} of ${judged.length}`} judged blocks grew by more than the allowance, so it does retain more`);
  else if (grew === judged.length) {
    hints.push('every judged block grew: something keeps a reference per call (an unbounded cache, a listener never removed, a growing Map or array)');
  }
  if (!isNot && grew < judged.length) {
    hints.push(`only ${grew} of ${judged.length} judged blocks grew beyond the allowance: no steady growth, so no leak is reported`);
  }
  return formatMessage(context, {
    matcher: 'toRetainAtMost',
    expectedArgument: 'bytes',
    expected: `${isNot ? 'more than' : 'at most'} ${formatBytes(asked.bytesPerCall)} retained per call, in every judged block`,
    received: `${formatBytes(meanPerCall)} retained per call (mean of blocks 2–${m.growthBytes.length}); ${grew} of ${judged.length} judged blocks over`,
    evidence,
    measured,
    rerun: `{ ${rerun} }`,
    hints,
  });
}
