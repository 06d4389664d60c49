import type { RetentionMeasurement } from '../engine/heap/measureRetention.js';
import type { ProfiledCalls } from '../engine/heap/profileAllocationSites.js';
import type { MatcherContext } from './layout.js';
import { formatBytes, formatDuration, formatSize } from './units.js';
import { formatMessage, formatTable, siteLines } from './layout.js';

/**
 * The failure message of `toRetainAtMost` in perfspec's common layout: retained bytes per call against the
 * allowance, the two readings judged, the sites of the retained memory when profiled, how it was measured (calls,
 * noise floor, what gcs and calls cost here), a Rerun line and hints.
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
  asked: { bytesPerCall: number; maxTimeMs: number; calls?: number | undefined; n?: number | undefined; sites?: ProfiledCalls | undefined },
): string {
  const isNot = context?.isNot === true;
  const m = measurement;
  const allowedBytes = asked.bytesPerCall * m.judgedCalls + m.noiseFloorBytes;
  const over = m.growthBytes > allowedBytes;
  const evidence = formatTable(
    [
      ['reading', 'after calls', 'retained (after full gcs)'],
      [m.stoppedBy === 'memory' ? 'earlier' : 'after warm-up', formatSize(m.first.calls), formatBytes(m.first.bytes)],
      ['last', formatSize(m.last.calls), `${formatBytes(m.last.bytes)}  (${signed(m.growthBytes)} over ${formatSize(m.judgedCalls)} calls)`],
    ],
    [1],
  );
  if (asked.sites?.profile !== undefined) {
    evidence.push('', ...siteLines('Where the retained memory was allocated, per call', asked.sites.profile, asked.sites.calls));
  } else if (asked.sites !== undefined) {
    evidence.push('', `Where the retained memory was allocated: not profiled (${asked.sites.reason})`);
  }
  const c = m.costs;
  const measured = [
    `${formatSize(m.first.calls)} calls before the judged ${formatSize(m.judgedCalls)} (${m.async ? 'async function, awaited' : 'sync function'})`,
    `over when the judged calls kept more than ${formatBytes(allowedBytes)} (allowance × calls + ${formatBytes(m.noiseFloorBytes)} noise floor: this run sees leaks from ${m.resolutionBytesPerCall < 1 ? 'under 1 B' : formatBytes(m.resolutionBytesPerCall)} per call)`,
    `full gc ${formatDuration(c.fullGcMs * 1e6)} (heap ${formatBytes(c.heapBytes)}), one call ${formatDuration(c.callMs * 1e6)}`,
    m.stoppedBy === 'time-cap' ? `the time cap (${Math.round(m.capMs)} ms) ended the judged calls early` : undefined,
    m.stoppedBy === 'memory' ? `stopped early: the heap kept growing by hundreds of MB, far beyond any noise (limit ${formatBytes(c.heapLimitBytes)})` : undefined,
    formatDuration(m.elapsedMs * 1e6),
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const rerun = [asked.n === undefined ? undefined : `n: ${asked.n}`, `calls: ${asked.calls ?? m.first.calls}`, `maxTimeMs: ${Math.max(asked.maxTimeMs, Math.round(m.capMs))}`]
    .filter((part) => part !== undefined)
    .join(', ');
  const hints: string[] = [];
  if (isNot) hints.push(`it kept ${formatBytes(m.bytesPerCall)} per call over ${formatSize(m.judgedCalls)} calls, more than allowed`);
  else if (over) {
    hints.push('the heap kept growing after warm-up: something keeps a reference per call (an unbounded cache, a listener never removed, a growing Map or array)');
  }
  if (!isNot && !over) hints.push(`the growth stayed within ${formatBytes(allowedBytes)}: no leak is reported`);
  if (over && !isNot) {
    hints.push(`a bounded cache larger than ${formatSize(m.first.calls)} entries still fills during the judged calls; if that is what grew, raise calls`);
  }
  return formatMessage(context, {
    matcher: 'toRetainAtMost',
    expectedArgument: 'bytes',
    expected: `${isNot ? 'more than' : 'at most'} ${formatBytes(asked.bytesPerCall)} retained per call`,
    received: `${formatBytes(m.bytesPerCall)} retained per call (${signed(m.growthBytes)} over ${formatSize(m.judgedCalls)} calls after warm-up)`,
    evidence,
    measured,
    rerun: `{ ${rerun} }`,
    hints,
  });
}

function signed(bytes: number): string {
  return bytes < 0 ? `−${formatBytes(-bytes)}` : `+${formatBytes(bytes)}`;
}
