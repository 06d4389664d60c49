import type { AllocationMeasurement } from '../engine/heap/measureAllocation.js';
import type { SiteProfile } from '../engine/heap/profileAllocationSites.js';
import type { MatcherContext } from './layout.js';
import { formatBytes, formatDuration, plural } from './units.js';
import { formatMessage, siteLines } from './layout.js';

const copyingBuiltins = new Set([
  ...['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'from', 'keys', 'values', 'entries'],
  ...['split', 'join', 'stringify', 'toSorted', 'toReversed', 'with'],
]);

/**
 * The failure message of `toAllocateAtMost` in perfspec's common layout: bytes per call against the budget, the
 * top allocation sites of one call, how it was measured (calls, warm-up, heap and off-heap parts, baseline, gcs
 * during a call), a Rerun line and hints.
 *
 * @param context - the matcher's `this`.
 * @param measurement - what `measureAllocation` found.
 * @param asked - the budget in bytes, the options in force (maxTimeMs in ms), and the sites when collected.
 * @example
 * message: () => allocationMessage(this, measurement, { budgetBytes: 2048, calls: 5, warmupCalls: 100, maxTimeMs: 1000 })
 */
export function allocationMessage(
  context: MatcherContext | undefined,
  measurement: AllocationMeasurement,
  asked: { budgetBytes: number; calls: number; warmupCalls: number; maxTimeMs: number; n?: number | undefined; sites?: SiteProfile | undefined },
): string {
  const isNot = context?.isNot === true;
  const m = measurement;
  const ratio = asked.budgetBytes > 0 ? `, ${(m.bytesPerCall / asked.budgetBytes).toFixed(2)}× the budget` : '';
  const judged = m.samples.slice(-asked.calls).length;
  const evidence = asked.sites === undefined ? [] : siteLines('Top allocation sites of one call', asked.sites, 1);
  const measured = [
    `${judged} ${plural(judged, 'call')} after ${m.warmupCalls} warm-up ${plural(m.warmupCalls, 'call')} (${m.async ? 'async function, awaited' : 'sync function'})`,
    `heap ${formatBytes(m.heapBytesPerCall)} + ArrayBuffers ${formatBytes(m.externalBytesPerCall)} per call`,
    `baseline ${formatBytes(m.baselineBytes)} (empty function) subtracted`,
    `spread ${formatBytes(m.spreadBytes)}`,
    `${formatCount(m.gcsPerCall)} ${m.gcsPerCall === 1 ? 'gc' : 'gcs'} during a call`,
    formatDuration(m.elapsedMs * 1e6),
  ].join(', ');
  const rerun = [asked.n === undefined ? undefined : `n: ${asked.n}`, `calls: ${asked.calls}`, `warmupCalls: ${asked.warmupCalls}`, `maxTimeMs: ${asked.maxTimeMs}`]
    .filter((part) => part !== undefined)
    .join(', ');
  return formatMessage(context, {
    matcher: 'toAllocateAtMost',
    expectedArgument: 'bytes',
    expected: `${isNot ? 'more than' : 'at most'} ${formatBytes(asked.budgetBytes)} allocated per call`,
    received: `${formatBytes(m.bytesPerCall)} allocated per call (median of ${judged})${ratio}`,
    evidence,
    measured,
    rerun: `{ ${rerun} }`,
    hints: hints(m, asked.budgetBytes, isNot, asked.sites),
  });
}

function hints(m: AllocationMeasurement, budgetBytes: number, isNot: boolean, sites: SiteProfile | undefined): string[] {
  const list: string[] = [];
  if (isNot) list.push(`it allocates ${formatBytes(m.bytesPerCall)} per call, within the budget`);
  const top = sites?.sites[0];
  if (!isNot && top?.via !== undefined && copyingBuiltins.has(top.via)) {
    list.push(`${top.via} in ${top.functionName} makes a new array or string on every call; a single loop avoids the intermediate copies`);
  } else if (!isNot && m.bytesPerCall > budgetBytes) {
    list.push('look at the top site first: a copy per call (spread, slice, map/filter chain, string building) is the usual cause');
  }
  if (m.stoppedBy === 'time-cap') list.push('the maxTimeMs cap ended measuring early; raise maxTimeMs for more calls');
  if (m.spreadBytes > 0) list.push(`calls allocated different amounts (spread ${formatBytes(m.spreadBytes)}); the median is judged`);
  if (m.externalPartial) list.push('gcs ran during the call: ArrayBuffer memory they freed is not seen, so the ArrayBuffer figure is a lower bound');
  list.push('counted: V8 heap and ArrayBuffer memory; not counted: native memory outside V8 (addons, Node internals)');
  return list;
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
