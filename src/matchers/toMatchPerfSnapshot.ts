import { perfSnapshotOptions } from '../config/effectiveOptions.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { measureAllocation } from '../engine/heap/measureAllocation.js';
import { judgeTime } from '../engine/time/judgeTime.js';
import { measureTime } from '../engine/time/measureTime.js';
import type { ClockMode } from '../engine/time/nativeClock.js';
import type { SizedWorkload } from '../engine/workload.js';
import { toWorkload } from '../engine/workload.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { usageError } from '../input/usageError.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import { groupByShape } from '../queries/groupByShape.js';
import { measureQueries } from '../queries/measureQueries.js';
import type { QueryEvent } from '../queries/toQueryEvent.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { environmentFingerprint } from '../report/run/environmentFingerprint.js';
import type { EnvironmentFingerprint } from '../report/run/environmentFingerprint.js';
import { perfSnapshotFile } from '../report/run/perfSnapshotFile.js';
import type { PerfSnapshotEntry, ShapeCount } from '../report/run/perfSnapshotFile.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import type { PerfRecord } from '../report/run/recordAssertion.js';
import { timeInconclusiveReason } from '../report/timeInconclusiveReason.js';
import { perfSnapshotMessage } from '../report/toMatchPerfSnapshot.js';
import { formatDuration } from '../report/units.js';
import type { PerfSnapshotComparison, ShapeChange } from '../report/toMatchPerfSnapshot.js';

/**
 * Options of `toMatchPerfSnapshot`.
 *
 * @example
 * await expect(() => repo.listUsers()).toMatchPerfSnapshot({ timeTolerance: 0.5, maxTimeMs: 2000 });
 */
export interface PerfSnapshotOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /** The median may grow to (1 + this) × the recorded one, plus 1 µs, before the time part fails (default 1: twice the recorded time). */
  timeTolerance?: number;
  /** Bytes per call may grow to (1 + this) × the recorded figure, plus 256 B, before the allocation part fails (default 0.1). */
  allocationTolerance?: number;
  /** Clock a new entry is recorded on (default `'auto'`: CPU time for sync work, wall time for async); later runs use the recorded one. */
  clock?: ClockMode;
  /** Cap on measuring time of the time and of the allocation measurement each, in ms (default 1000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
}

/**
 * Asserts that a function (or a sized workload at input size n) still performs as recorded in its perf snapshot,
 * kept beside the test file in `__perf_snapshots__/<test file>.perf.json`: the first run records time per call,
 * bytes allocated per call and the queries and requests of one call by shape; later runs compare queries and
 * requests exactly, allocation within a tolerance, and time with confidence bounds within a tolerance — time only
 * when the environment fingerprint matches (otherwise that part is inconclusive). Updated with the runner's `-u` or
 * `PERFSPEC_UPDATE=1`; never written in CI unless asked.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, timeTolerance, allocationTolerance, clock, maxTimeMs }`.
 * @example
 * await expect(() => repo.listUsersWithTeams()).toMatchPerfSnapshot();
 * await expect(sized(n => rows(n), r => toCsv(r))).toMatchPerfSnapshot(10_000);
 */
export async function toMatchPerfSnapshot(this: MatcherContext | undefined, received: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const matcher = 'toMatchPerfSnapshot';
  if (this?.isNot === true) {
    throw usageError({ matcher, argument: '.not', expectation: 'left out: a perf snapshot is matched or not, it has no negation', received: '.not', hint: 'snapshot matchers of Vitest and Jest refuse .not too' });
  }
  const given = sizeOrOptions(matcher, nOrOptions, {
    timeTolerance: check.positiveNumber,
    allocationTolerance: check.positiveNumber,
    clock: check.clockMode,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, given.n);
  const testPath = this?.testPath ?? this?.task?.file?.filepath;
  const testName = this?.currentTestName;
  if (testPath === undefined || testName === undefined || testName === '') {
    throw usageError({
      matcher,
      argument: 'its context',
      expectation: 'a running test of Vitest or Jest (the snapshot file and entry are named after the test file and test)',
      received: testPath === undefined ? 'no test file' : 'no test name',
      hint: "register perfspec with setupFiles: ['perfspec/vitest'] or setupFilesAfterEnv: ['perfspec/jest'], and assert inside test()",
    });
  }
  const options = perfSnapshotOptions(given, this?.snapshotState);
  const file = perfSnapshotFile(testPath);
  const key = file.nextKey(testName);
  const baseline = file.entry(key);
  const where = { path: file.path, key };
  const fingerprint = environmentFingerprint();

  if (baseline === undefined || options.update === 'all') {
    if (baseline === undefined && options.update === 'none') {
      const message = (): string =>
        `${matcher}: no perf snapshot "${key}" in ${file.path}, and snapshots are not written in CI.\n\n` +
        'Record it where the figures belong (locally, or on the CI machine with PERFSPEC_UPDATE=1 or the runner’s -u), and commit the file.';
      // Nothing was measured, so there is no record for the run report and no measurement for an agent block.
      return { pass: false, message };
    }
    const figures = await measureFigures(matcher, target, given.n, options);
    const entry: PerfSnapshotEntry = {
      ...(given.n === undefined ? {} : { n: given.n }),
      time: {
        statistic: 'median',
        clock: figures.time.clock,
        valueNs: figures.time.medianNs,
        ...(figures.time.lowerNs === undefined ? {} : { lowerNs: figures.time.lowerNs }),
        ...(figures.time.upperNs === undefined ? {} : { upperNs: figures.time.upperNs }),
      },
      bytesPerCall: figures.bytesPerCall,
      queries: figures.queries,
      requests: figures.requests,
      fingerprint,
    };
    file.write(key, entry);
    const limits = limitsOf(entry, options);
    recordAssertion(this, { ...timeRecord(entry.time.clock, figures.time, limits.timeNs, 'pass', true), ...(given.n === undefined ? {} : { n: given.n }) }, { rerun: {} });
    return { pass: true, message: () => `${matcher}: recorded "${key}" in ${file.path}` };
  }

  file.check(key);
  if (baseline.n !== given.n) {
    const message = (): string =>
      `${matcher}: the perf snapshot "${key}" in ${file.path} was recorded at ${baseline.n === undefined ? 'no n (a plain function)' : `n = ${baseline.n}`}, and this assertion measures ${given.n === undefined ? 'a plain function' : `n = ${given.n}`}.\n\n` +
      'The figures are not comparable: update the snapshot (the runner’s -u, or PERFSPEC_UPDATE=1) if the workload changed on purpose.';
    return { pass: false, message };
  }
  const figures = await measureFigures(matcher, target, given.n, options, baseline, fingerprint);
  const limits = limitsOf(baseline, options);
  const comparison: PerfSnapshotComparison = {
    ...where,
    baseline,
    fingerprint,
    queries: diffShapes(baseline.queries, figures.queries),
    requests: diffShapes(baseline.requests, figures.requests),
    queryCount: total(figures.queries),
    requestCount: total(figures.requests),
    bytesPerCall: figures.bytesPerCall,
    allocationLimitBytes: limits.bytes,
    time: figures.time,
    timeLimitNs: limits.timeNs,
    fingerprintChanges: fingerprintChanges(baseline.fingerprint, fingerprint),
    options: { timeTolerance: options.timeTolerance, timeSlackNs: options.timeSlackNs, allocationTolerance: options.allocationTolerance, maxTimeMs: options.maxTimeMs },
  };
  const deterministicFailed = comparison.queries.length > 0 || comparison.requests.length > 0 || figures.bytesPerCall > limits.bytes;
  const time = figures.time;
  const timeVerdict = time.verdict;
  const verdict = deterministicFailed ? 'fail' : timeVerdict;
  const pass = !deterministicFailed && time.pass;
  const rerun = {
    ...(given.n === undefined ? {} : { n: given.n }),
    timeTolerance: options.timeTolerance,
    allocationTolerance: options.allocationTolerance,
    maxTimeMs: options.maxTimeMs,
  };
  const top = [...comparison.queries, ...comparison.requests].map((change) => `${signed(change.after - change.before)} × ${change.shape}`).slice(0, 10);
  const records = partRecords(comparison, given.n);
  // Every part leaves its record; an agent reads the first part that failed (else the time).
  const agentBlocks = records.map((record) => ({ record, forAgent: recordAssertion(this, record, { rerun, top }) }));
  const forAgent = (agentBlocks.find(({ record }) => !record.pass) ?? agentBlocks[0])?.forAgent ?? ((): string => '');
  const message = (): string => perfSnapshotMessage(this, comparison) + forAgent();
  const reason = (): { why: string; remedy: string } => {
    if (comparison.fingerprintChanges.length > 0) {
      return {
        why: `time was not compared: the snapshot was recorded in another environment (${comparison.fingerprintChanges.join('; ')}); queries, requests and allocation matched`,
        remedy: 'record the snapshot on the machine that compares it (PERFSPEC_UPDATE=1 there), or keep one snapshot per environment',
      };
    }
    if (time.judged === undefined) return { why: 'no time was measured', remedy: 'raise maxTimeMs' };
    const { why, remedy } = timeInconclusiveReason(time.judged, options.maxTimeMs);
    // toRunUnder's words speak of a budget; here the limit is the snapshot's median × (1 + timeTolerance).
    return {
      why: `time: ${why.replace('the budget', `the snapshot's limit (${options.timeTolerance + 1}× its median + ${formatDuration(options.timeSlackNs)})`)}`,
      remedy: time.judged.reason === 'near-budget' ? 'the median is near the limit: re-record the snapshot (-u) if the change is intended, or raise timeTolerance' : remedy.replace('between the usual time and the budget', '(timeTolerance)'),
    };
  };
  const unmeasured = !deterministicFailed && time.judged !== undefined && (time.judged.run.samples.length === 0 || time.judged.reason === 'unmeasured');
  return settleVerdict(this, { verdict, pass, evidence: unmeasured ? 'none' : undefined }, { matcher, message, why: () => reason().why, remedy: () => reason().remedy });
}

type SnapshotOptions = ReturnType<typeof perfSnapshotOptions>;

/** The time part of a comparison (or of a new entry): the median per call with its bounds, and the judgement. */
type TimeFigures = PerfSnapshotComparison['time'];

async function measureFigures(
  matcher: string,
  target: (() => unknown) | SizedWorkload<unknown>,
  n: number | undefined,
  options: SnapshotOptions,
  baseline?: PerfSnapshotEntry,
  fingerprint?: EnvironmentFingerprint,
): Promise<{ queries: ShapeCount[]; requests: ShapeCount[]; time: TimeFigures; bytesPerCall: number }> {
  // Queries first, on one call as toIssueQueriesAtMost counts them (the sized input prepared outside it).
  const once = toWorkload(target, n, options.maxTimeMs);
  const input = once.prepare === undefined ? undefined : await once.prepare();
  // The query call keeps measureQueries' own cap (10 s, inside the test's timeout) unless the assertion gave one.
  const log = await measureQueries(() => once.call(input), options.queryMaxTimeMs === undefined ? {} : { maxTimeMs: options.queryMaxTimeMs });
  if (log.timedOut) {
    throw new Error(`${matcher}: the call had not settled after ${log.elapsedMs.toFixed(0)} ms (maxTimeMs ${Math.round(log.maxTimeMs)}) and was abandoned; look for a promise that never settles, or raise maxTimeMs`);
  }
  const time = await measureTimePart(target, n, options, baseline, fingerprint);
  const allocation = await measureAllocation(target, {
    ...(n === undefined ? {} : { n }),
    calls: options.calls,
    warmupCalls: options.warmupCalls,
    maxTimeMs: options.maxTimeMs,
    ...(options.stretchToMs === undefined ? {} : { stretchToMs: options.stretchToMs }),
    probe: options.probe,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    label: matcher,
  });
  return { queries: shapeCounts(log.queries), requests: shapeCounts(log.requests), time, bytesPerCall: allocation.bytesPerCall };
}

async function measureTimePart(
  target: (() => unknown) | SizedWorkload<unknown>,
  n: number | undefined,
  options: SnapshotOptions,
  baseline: PerfSnapshotEntry | undefined,
  fingerprint: EnvironmentFingerprint | undefined,
): Promise<TimeFigures> {
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  if (baseline !== undefined && fingerprint !== undefined && fingerprintChanges(baseline.fingerprint, fingerprint).length === 0) {
    // Judged on the recorded clock, against the recorded median × (1 + tolerance) + slack.
    const budgetNs = limitsOf(baseline, options).timeNs;
    const judged = await judgeTime(toWorkload(target, n, options.maxTimeMs), budgetNs, {
      statistic: 'median',
      clockMode: baseline.time.clock,
      maxTimeMs: options.maxTimeMs,
      ...clock,
      ...(options.loadPerCore === undefined ? {} : { loadPerCore: options.loadPerCore }),
    });
    return {
      clock: judged.run.clock,
      medianNs: judged.estimateNs,
      ...(judged.lowerNs === undefined ? {} : { lowerNs: judged.lowerNs }),
      ...(judged.upperNs === undefined ? {} : { upperNs: judged.upperNs }),
      verdict: judged.verdict,
      pass: judged.pass,
      judged,
    };
  }
  const clockMode = baseline?.time.clock ?? options.clockMode;
  const measured = await measureTime(target, { ...(n === undefined ? {} : { n }), clockMode, maxTimeMs: options.maxTimeMs, ...clock });
  if (!Number.isFinite(measured.medianNs)) {
    throw new Error(`toMatchPerfSnapshot measured nothing usable: no time sample was taken within maxTimeMs ${options.maxTimeMs}; raise maxTimeMs`);
  }
  return {
    clock: measured.clock,
    medianNs: measured.medianNs,
    ...(measured.medianLowerNs === undefined ? {} : { lowerNs: measured.medianLowerNs }),
    ...(measured.medianUpperNs === undefined ? {} : { upperNs: measured.medianUpperNs }),
    // Not compared: a new entry, or another environment (inconclusive, the deterministic parts decide).
    verdict: baseline === undefined ? 'pass' : 'inconclusive',
    pass: true,
  };
}

function shapeCounts(events: readonly QueryEvent[]): ShapeCount[] {
  return groupByShape(events)
    .map((group) => ({ shape: group.shape, count: group.count }))
    .sort((a, b) => (a.shape < b.shape ? -1 : a.shape > b.shape ? 1 : 0));
}

function total(shapes: readonly ShapeCount[]): number {
  return shapes.reduce((sum, shape) => sum + shape.count, 0);
}

/** Shapes whose count changed (appeared: before 0; disappeared: after 0), the largest change first. */
function diffShapes(before: readonly ShapeCount[], after: readonly ShapeCount[]): ShapeChange[] {
  const counts = new Map<string, { before: number; after: number }>();
  for (const { shape, count } of before) counts.set(shape, { before: count, after: 0 });
  for (const { shape, count } of after) counts.set(shape, { before: counts.get(shape)?.before ?? 0, after: count });
  return [...counts.entries()]
    .filter(([, change]) => change.before !== change.after)
    .map(([shape, change]) => ({ shape, ...change }))
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before) || (a.shape < b.shape ? -1 : a.shape > b.shape ? 1 : 0));
}

function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : `−${-delta}`;
}

/** The fields of two fingerprints that differ, as `field: before → after`. */
function fingerprintChanges(before: EnvironmentFingerprint, after: EnvironmentFingerprint): string[] {
  const changes: string[] = [];
  for (const field of Object.keys(after) as (keyof EnvironmentFingerprint)[]) {
    if (before[field] !== after[field]) changes.push(`${field}: ${JSON.stringify(before[field] ?? null)} → ${JSON.stringify(after[field])}`);
  }
  return changes;
}

function limitsOf(entry: PerfSnapshotEntry, options: SnapshotOptions): { timeNs: number; bytes: number } {
  return {
    timeNs: entry.time.valueNs * (1 + options.timeTolerance) + options.timeSlackNs,
    bytes: entry.bytesPerCall * (1 + options.allocationTolerance) + options.allocationSlackBytes,
  };
}

type PartRecord = Omit<PerfRecord, 'test' | 'file' | 'fingerprint'>;

function timeRecord(clock: 'cpu' | 'wall', time: { medianNs: number; lowerNs?: number; upperNs?: number }, limitNs: number, verdict: PerfRecord['verdict'], pass: boolean): PartRecord {
  return {
    matcher: 'toMatchPerfSnapshot',
    metric: `${clock} time`,
    statistic: 'median',
    value: time.medianNs,
    ...(time.lowerNs === undefined ? {} : { lower: time.lowerNs }),
    ...(time.upperNs === undefined ? {} : { upper: time.upperNs }),
    unit: 'ns',
    verdict,
    pass,
    budget: limitNs,
    direction: 'at most',
  };
}

/** One run-report record per part: time, bytes per call, queries (and requests when either run issued any). */
function partRecords(comparison: PerfSnapshotComparison, n: number | undefined): PartRecord[] {
  const sized = n === undefined ? {} : { n };
  const count = (metric: string, unit: string, value: number, budget: number, changed: boolean): PartRecord => ({
    matcher: 'toMatchPerfSnapshot',
    metric,
    statistic: 'count, compared exactly',
    value,
    unit,
    ...sized,
    verdict: changed ? 'fail' : 'pass',
    pass: !changed,
    budget,
    direction: 'at most',
  });
  const { time, baseline } = comparison;
  const records: PartRecord[] = [
    { ...timeRecord(time.clock, time, comparison.timeLimitNs, time.verdict, time.pass), ...sized },
    {
      matcher: 'toMatchPerfSnapshot',
      metric: 'allocated bytes per call',
      statistic: 'median of the calls',
      value: comparison.bytesPerCall,
      unit: 'B',
      ...sized,
      verdict: comparison.bytesPerCall > comparison.allocationLimitBytes ? 'fail' : 'pass',
      pass: comparison.bytesPerCall <= comparison.allocationLimitBytes,
      budget: comparison.allocationLimitBytes,
      direction: 'at most',
    },
    count('queries per call', 'queries', comparison.queryCount, total(baseline.queries), comparison.queries.length > 0),
  ];
  if (comparison.requestCount > 0 || baseline.requests.length > 0) {
    records.push(count('requests per call', 'requests', comparison.requestCount, total(baseline.requests), comparison.requests.length > 0));
  }
  return records;
}
