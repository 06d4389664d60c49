import type { TimeVerdict } from '../engine/time/judgeTime.js';
import type { MatcherContext } from './layout.js';
import { formatMessage, formatTable } from './layout.js';
import type { EnvironmentFingerprint } from './run/environmentFingerprint.js';
import type { PerfSnapshotEntry } from './run/perfSnapshotFile.js';
import { timeInconclusiveReason } from './timeInconclusiveReason.js';
import { formatBytes, formatDuration, formatRatio, plural } from './units.js';

/**
 * One shape whose count per call differs from the snapshot's: `before` 0 means it appeared, `after` 0 that it
 * disappeared.
 *
 * @example
 * const change: ShapeChange = { shape: 'SELECT name FROM teams WHERE id = ?', before: 0, after: 50 };
 */
export interface ShapeChange {
  shape: string;
  before: number;
  after: number;
}

/**
 * A perf snapshot entry against this run's figures, as `toMatchPerfSnapshot` compared them. Times in ns, sizes in
 * bytes; `time.judged` is set when time was judged (matching fingerprints).
 *
 * @example
 * const message = perfSnapshotMessage(this, comparison);
 */
export interface PerfSnapshotComparison {
  path: string;
  key: string;
  baseline: PerfSnapshotEntry;
  fingerprint: EnvironmentFingerprint;
  /** Query shapes whose count changed; empty when the queries match. */
  queries: ShapeChange[];
  requests: ShapeChange[];
  queryCount: number;
  requestCount: number;
  bytesPerCall: number;
  allocationLimitBytes: number;
  time: {
    clock: 'cpu' | 'wall';
    medianNs: number;
    lowerNs?: number;
    upperNs?: number;
    verdict: 'pass' | 'fail' | 'inconclusive';
    pass: boolean;
    judged?: TimeVerdict;
  };
  timeLimitNs: number;
  /** Fields of the environment fingerprint that differ from the snapshot's (`field: before → after`). */
  fingerprintChanges: string[];
  options: { timeTolerance: number; timeSlackNs: number; allocationTolerance: number; maxTimeMs: number };
}

const maxChangesShown = 10;

function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : `−${-delta}`;
}

function clip(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/**
 * The failure message of `toMatchPerfSnapshot` in perfspec's common layout: what differs from the snapshot (query
 * and request shapes that appeared, disappeared or changed count, as `+50 × SELECT …`; bytes per call; the median
 * time with its bounds), a table of every part against its limit, then Measured, Rerun and hints (how to update).
 *
 * @example
 * message: () => perfSnapshotMessage(this, comparison)
 */
export function perfSnapshotMessage(context: MatcherContext | undefined, comparison: PerfSnapshotComparison): string {
  const { baseline, time } = comparison;
  const timeWord = `median ${time.clock === 'cpu' ? 'CPU' : 'wall'} time per call`;
  const allocationFailed = comparison.bytesPerCall > comparison.allocationLimitBytes;
  const timeCompared = comparison.fingerprintChanges.length === 0;

  const differences: string[] = [];
  if (comparison.queries.length > 0) differences.push(`${comparison.queryCount} ${plural(comparison.queryCount, 'query', 'queries')} per call where the snapshot has ${countOf(baseline.queries)}`);
  if (comparison.requests.length > 0) differences.push(`${comparison.requestCount} ${plural(comparison.requestCount, 'request')} per call where the snapshot has ${countOf(baseline.requests)}`);
  if (allocationFailed) differences.push(`${formatBytes(comparison.bytesPerCall)} allocated per call, over ${formatBytes(comparison.allocationLimitBytes)}`);
  if (timeCompared && time.verdict !== 'pass') differences.push(`${timeWord} ${formatDuration(time.medianNs)}${boundsOf(time)}, ${formatRatio(time.medianNs / baseline.time.valueNs)} the snapshot's`);
  const received = differences.length > 0 ? differences.join('; ') : 'the figures below';

  const evidence: string[] = [];
  for (const [title, changes] of [
    ['Query shapes that changed (per call):', comparison.queries],
    ['Request shapes that changed (per call):', comparison.requests],
  ] as const) {
    if (changes.length === 0) continue;
    evidence.push(title);
    const rows = changes.slice(0, maxChangesShown).map((change) => [`${signed(change.after - change.before)} ×`, clip(change.shape, 90), `(${change.before} → ${change.after})`]);
    evidence.push(...formatTable(rows, [0]));
    if (changes.length > maxChangesShown) evidence.push(`  … and ${changes.length - maxChangesShown} more shapes`);
    evidence.push('');
  }
  const { timeTolerance, allocationTolerance } = comparison.options;
  const partRows = [
    ['', 'snapshot', 'now', 'limit', ''],
    ['queries', String(countOf(baseline.queries)), String(comparison.queryCount), 'exactly', comparison.queries.length > 0 ? 'CHANGED' : 'same'],
    ['requests', String(countOf(baseline.requests)), String(comparison.requestCount), 'exactly', comparison.requests.length > 0 ? 'CHANGED' : 'same'],
    [
      'bytes per call',
      formatBytes(baseline.bytesPerCall),
      formatBytes(comparison.bytesPerCall),
      `${formatBytes(comparison.allocationLimitBytes)} (+${Math.round(allocationTolerance * 100)}% + 256 B)`,
      allocationFailed ? 'OVER' : 'within',
    ],
    [
      `median ${time.clock} time`,
      formatDuration(baseline.time.valueNs),
      `${formatDuration(time.medianNs)}${boundsOf(time)}`,
      `${formatDuration(comparison.timeLimitNs)} (+${Math.round(timeTolerance * 100)}% + ${formatDuration(comparison.options.timeSlackNs)})`,
      !timeCompared ? 'not compared' : time.verdict === 'fail' ? 'OVER' : time.verdict === 'inconclusive' ? 'inconclusive' : 'within',
    ],
  ];
  evidence.push(...formatTable(partRows, [1, 2]));

  const deterministicFailed = comparison.queries.length > 0 || comparison.requests.length > 0 || allocationFailed;
  const settled = deterministicFailed ? 'the parts above decided' : 'decided by the point estimate';
  const verdict = !timeCompared
    ? `time not compared: recorded in another environment (${comparison.fingerprintChanges.join('; ')})`
    : time.verdict === 'inconclusive' && time.judged !== undefined
      ? `time inconclusive: ${timeInconclusiveReason(time.judged, comparison.options.maxTimeMs).why.replace('the budget', 'the limit')}; ${settled}`
      : undefined;

  const run = time.judged?.run;
  const measured = [
    'queries and requests of one call',
    run === undefined ? `time: median on the ${time.clock} clock` : `time: ${run.samples.length} ${plural(run.samples.length, 'sample')} × ${run.batchSize} ${plural(run.batchSize, 'call')} on the ${run.clock} clock`,
    'bytes: median of the measured calls after warm-up',
    `recorded with ${describe(baseline.fingerprint)}`,
  ].join('; ');

  const hints: string[] = [];
  const appeared = comparison.queries.find((change) => change.after - change.before >= 3);
  if (appeared !== undefined) hints.push(`"${clip(appeared.shape, 60)}" now runs ${appeared.after - appeared.before} more times per call: likely an N+1, look for a query inside a loop`);
  hints.push(`if the change is intended, update the snapshot: vitest -u, jest -u, or PERFSPEC_UPDATE=1 (${comparison.path} › ${comparison.key})`);

  return formatMessage(context, {
    matcher: 'toMatchPerfSnapshot',
    expectedArgument: '',
    expected: `the figures of perf snapshot "${comparison.key}": ${countOf(baseline.queries)} ${plural(countOf(baseline.queries), 'query', 'queries')} and ${countOf(baseline.requests)} ${plural(countOf(baseline.requests), 'request')} exactly, bytes per call up to ${formatBytes(comparison.allocationLimitBytes)}, ${timeWord} up to ${formatDuration(comparison.timeLimitNs)}`,
    received,
    ...(verdict === undefined ? {} : { verdict }),
    evidence,
    measured,
    rerun: `{ ${[baseline.n === undefined ? undefined : `n: ${baseline.n}`, `timeTolerance: ${timeTolerance}`, `allocationTolerance: ${allocationTolerance}`, `maxTimeMs: ${comparison.options.maxTimeMs}`].filter((part) => part !== undefined).join(', ')} }`,
    hints,
  });
}

function countOf(shapes: readonly { count: number }[]): number {
  return shapes.reduce((sum, shape) => sum + shape.count, 0);
}

function boundsOf(time: { lowerNs?: number; upperNs?: number }): string {
  return time.lowerNs !== undefined && time.upperNs !== undefined ? ` (${formatDuration(time.lowerNs)}–${formatDuration(time.upperNs)})` : '';
}

function describe(fingerprint: EnvironmentFingerprint): string {
  return `${fingerprint.runner} ${fingerprint.runnerVersion}, Node ${fingerprint.node}, ${fingerprint.cpuCount} × ${fingerprint.cpuModel}, time scale ${fingerprint.timeScale}`;
}
