import { nativeHeapProbe } from '../engine/heap/nativeHeapProbe.js';
import type { HeapProbe } from '../engine/heap/nativeHeapProbe.js';
import { allocationDefaults } from '../engine/heap/measureAllocation.js';
import { defaultStretchToMs } from '../engine/heap/startHeapRun.js';
import type { Statistic } from '../engine/stats/statisticBounds.js';
import type { Clock, ClockMode } from '../engine/time/nativeClock.js';
import { currentSettings, explicitSettings } from './configure.js';
import { overrides } from './engineOverrides.js';
import { runnerTimeout } from './runnerTimeout.js';

// The one place where an assertion's options meet perfspec's defaults: a matcher passes on what the user gave,
// and hands the engine what comes back. The engine's own defaults apply only when it is called directly.

/** What a user may leave out: every key optional, undefined meaning "not given". */
type Given<T> = { [K in keyof T]?: T[K] | undefined };

/**
 * The effective options of `toRunUnder`: the assertion's own, else `configure()`'s, else the defaults (median,
 * `'auto'` clock, 1000 ms); with the time scale that multiplies its budget.
 *
 * @example
 * const { statistic, clockMode, maxTimeMs, timeScale } = runUnderOptions({ statistic: 'p95' });
 */
export function runUnderOptions(given: Given<{ statistic: Statistic; clock: ClockMode; maxTimeMs: number }>) {
  const settings = currentSettings();
  return {
    timeScale: settings.timeScale,
    statistic: given.statistic ?? settings.statistic,
    clockMode: given.clock ?? settings.clock,
    maxTimeMs: given.maxTimeMs ?? settings.maxTimeMs,
    ...overrides('clock', 'loadPerCore'),
  };
}

/**
 * The effective options of `toBeFasterThan`: the claimed speedup (default 1, "faster at all"), the clock and the
 * time cap for both functions together, the assertion's own else `configure()`'s else the defaults (`'auto'`,
 * 1000 ms). The time scale does not apply: a ratio has no unit.
 *
 * @example
 * const { by, clockMode, maxTimeMs } = fasterThanOptions({ by: 1.5 });
 */
export function fasterThanOptions(given: Given<{ by: number; clock: ClockMode; maxTimeMs: number }>) {
  const settings = currentSettings();
  return {
    by: given.by ?? 1,
    clockMode: given.clock ?? settings.clock,
    maxTimeMs: given.maxTimeMs ?? settings.maxTimeMs,
    ...overrides('clock', 'loadPerCore'),
  };
}

/** What both heap assertions hand their engine call besides their counts: the time cap, the heap and the clock. */
interface HeapRunOptions {
  maxTimeMs: number;
  /** Present when no cap was given: how far the default may stretch for the least evidence (ms). */
  stretchToMs?: number;
  probe: HeapProbe;
  clock?: Clock;
}

/** However long the test may run, a default heap cap stretches no further than this. */
const maxHeapStretchMs = 30_000;

// A cap the assertion or configure() gave is kept to; the default one may stretch where this process's gcs or
// calls are too slow for the least evidence, as in a ts-jest worker or under CPU contention: within 80% of the
// running test's timeout (4 s under the runners' default 5 s), at most 30 s; 4 s outside a runner.
function heapRunOptions(maxTimeMs: number | undefined): HeapRunOptions {
  const explicit = maxTimeMs ?? explicitSettings.maxTimeMs;
  const testTimeoutMs = readTestTimeoutMs();
  const stretchToMs = testTimeoutMs === undefined ? defaultStretchToMs : Math.min(maxHeapStretchMs, testTimeoutShare * testTimeoutMs);
  return {
    ...(explicit === undefined ? { maxTimeMs: currentSettings().maxTimeMs, stretchToMs } : { maxTimeMs: explicit }),
    probe: overrides('heapProbe').heapProbe ?? nativeHeapProbe(),
    ...overrides('clock'),
  };
}

/**
 * The effective options of `toAllocateAtMost`: calls and warm-up calls as the engine counts them (5, 100), the
 * time cap of the assertion or `configure()` (else 1000 ms, which may stretch within the test's timeout), and the heap.
 *
 * @example
 * const { calls, warmupCalls, maxTimeMs, probe } = allocateOptions({ calls: 9 });
 */
export function allocateOptions(given: Given<{ calls: number; warmupCalls: number; maxTimeMs: number }>): HeapRunOptions & { calls: number; warmupCalls: number } {
  const calls = given.calls ?? allocationDefaults.calls;
  return { calls, warmupCalls: given.warmupCalls ?? allocationDefaults.warmupCalls, ...heapRunOptions(given.maxTimeMs) };
}

/**
 * The effective options of `toRetainAtMost`: the calls before the first reading when given (else the engine plans
 * them), the time cap of the assertion or `configure()` (else 1000 ms, which may stretch within the test's timeout), and the heap.
 *
 * @example
 * const { maxTimeMs, probe } = retainOptions({ calls: 5000 });
 */
export function retainOptions(given: Given<{ calls: number; maxTimeMs: number }>): HeapRunOptions & { calls?: number } {
  return { ...(given.calls === undefined ? {} : { calls: given.calls }), ...heapRunOptions(given.maxTimeMs) };
}

/** A sweep over sizes needs more room than one timing: its cap when neither the assertion nor `configure()` sets one. */
const scaleMaxTimeMs = 2000;
/**
 * How far that default may stretch, within 80% of the test's timeout, to measure sizes past the largest when a
 * failure rests on the top sizes alone (a jump in cost per item there, or growth that starts there).
 */
const scaleStretchMs = 3500;

/**
 * The effective options of `toScaleAtMost`: its own time cap, else the one set with `configure()`, else 2000 ms
 * (not the 1000 ms of the other matchers), which may stretch to 3 500 ms (within 80% of the test's timeout) to
 * measure past the largest size when a failure rests on the top sizes alone; sizes and samples only when given
 * (the engine chooses otherwise).
 *
 * @example
 * const { maxTimeMs } = scaleOptions({ samples: 9 });
 */
export function scaleOptions(given: Given<{ sizes: readonly number[]; samples: number; maxTimeMs: number }>) {
  const explicit = given.maxTimeMs ?? explicitSettings.maxTimeMs;
  const testTimeoutMs = readTestTimeoutMs();
  const defaultMs = capWithinTest(scaleMaxTimeMs).capMs;
  const stretchToMs = Math.max(defaultMs, Math.min(scaleStretchMs, testTimeoutMs === undefined ? scaleStretchMs : testTimeoutShare * testTimeoutMs));
  return {
    maxTimeMs: explicit ?? defaultMs,
    ...(explicit === undefined ? { stretchToMs } : {}),
    ...(given.sizes === undefined ? {} : { sizes: given.sizes }),
    ...(given.samples === undefined ? {} : { samples: given.samples }),
    ...overrides('clock', 'loadPerCore', 'profile'),
  };
}

/** A query measurement waits for a slow database: at least this long, whatever `configure()` says. */
const queryMinTimeMs = 10_000;

/**
 * The time cap of a query or request count (`toIssueQueriesAtMost`, `toIssueRequestsAtMost`, `measureQueries`):
 * the one given, else the larger of 10 000 ms and `configure()`'s cap, kept inside the running test's timeout;
 * `loweredFromMs` and `testTimeoutMs` say when that lowered it.
 *
 * @example
 * const { capMs } = queryCap(options.maxTimeMs);
 */
export function queryCap(given: number | undefined): TestBoundCap {
  if (given !== undefined) return { capMs: given };
  return capWithinTest(Math.max(queryMinTimeMs, currentSettings().maxTimeMs));
}

/** A default time cap, and the running test's timeout when that lowered it. */
export interface TestBoundCap {
  capMs: number;
  testTimeoutMs?: number;
  loweredFromMs?: number;
}

/** Share of the test's timeout a default cap may take, leaving room for setup, gc and the message. */
const testTimeoutShare = 0.8;

/**
 * A default time cap kept inside the running test's timeout, so that the user sees perfspec's message rather than
 * the runner's "Test timed out": the default itself, or 80% of the test's timeout when that is shorter. Caps the
 * user chose are never passed here.
 *
 * @example
 * capWithinTest(10_000).capMs; // 4000 under the default 5 s test timeout of Vitest and Jest
 */
export function capWithinTest(defaultMs: number): TestBoundCap {
  const testTimeoutMs = readTestTimeoutMs();
  if (testTimeoutMs === undefined) return { capMs: defaultMs };
  const withinMs = testTimeoutShare * testTimeoutMs;
  return withinMs < defaultMs ? { capMs: withinMs, testTimeoutMs, loweredFromMs: defaultMs } : { capMs: defaultMs };
}

/**
 * The effective options of `toBlockEventLoopAtMost`: 3 measured calls after the warm-up, the time cap for one
 * call (10 000 ms, or `configure({ maxTimeMs })` if larger: a call that never settles is abandoned there), and the
 * time scale that multiplies its budget.
 *
 * @example
 * const { calls, maxTimeMs, timeScale } = blockEventLoopOptions({ calls: 5 });
 */
export function blockEventLoopOptions(given: Given<{ calls: number; maxTimeMs: number }>): { calls: number; maxTimeMs: number; timeScale: number } {
  const settings = currentSettings();
  return { calls: given.calls ?? 3, maxTimeMs: given.maxTimeMs ?? Math.max(10_000, settings.maxTimeMs), timeScale: settings.timeScale };
}

/** The running test's timeout in ms, or undefined outside a runner, with none, or when it cannot be read. */
function readTestTimeoutMs(): number | undefined {
  let testTimeoutMs: number | undefined;
  try {
    testTimeoutMs = runnerTimeout.read?.();
  } catch {
    return undefined;
  }
  return testTimeoutMs === undefined || !Number.isFinite(testTimeoutMs) || testTimeoutMs <= 0 ? undefined : testTimeoutMs;
}

/**
 * Whether perf snapshots may be written: `'all'` (record missing entries and overwrite existing ones, as `-u`),
 * `'new'` (record missing entries only) or `'none'` (write nothing, as in CI).
 *
 * @example
 * const mode: SnapshotUpdateMode = 'new';
 */
export type SnapshotUpdateMode = 'all' | 'new' | 'none';

/**
 * Whether this run may write perf snapshots: `PERFSPEC_UPDATE=1` or the runner's update flag (`vitest -u`,
 * `jest -u`, read from the runner's snapshot state) update every entry; otherwise nothing is written in CI (`CI`
 * set, or the runner's own CI mode, `--ci`), and elsewhere only missing entries are recorded.
 *
 * @param runnerSnapshotState - the runner's `snapshotState` from the matcher context or `expect.getState()`.
 * @example
 * snapshotUpdateMode(this.snapshotState); // 'new' locally, 'none' in CI, 'all' with -u
 */
export function snapshotUpdateMode(runnerSnapshotState: unknown): SnapshotUpdateMode {
  const asked = process.env['PERFSPEC_UPDATE'];
  if (asked !== undefined && asked !== '' && asked !== '0' && asked !== 'false') return 'all';
  // Vitest and Jest keep the resolved flag as `_updateSnapshot`: 'all' with -u, 'none' with --ci (default in CI).
  const runner = (runnerSnapshotState as { _updateSnapshot?: unknown } | null | undefined)?._updateSnapshot;
  if (runner === 'all') return 'all';
  const ci = process.env['CI'];
  if (ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false') return 'none';
  return runner === 'none' ? 'none' : 'new';
}

/**
 * Default tolerance of a perf snapshot's time: a later run fails only when its median is, with confidence, more
 * than (1 + this) × the recorded one. Separate processes on one machine measured the same workload up to
 * 1.84× apart (docs/toMatchPerfSnapshot.md, `npm run bench:snapshot`), so a tighter default would fail unchanged code.
 */
const snapshotTimeTolerance = 1;
/**
 * Time per call a perf snapshot's median may grow by regardless of the relative tolerance: sub-microsecond functions
 * measured up to 2.56× apart between processes (`npm run bench:snapshot`), which no relative tolerance that still
 * catches a 3× slowdown of longer work can absorb.
 */
const snapshotTimeSlackNs = 1000;
/** Default relative tolerance of a perf snapshot's bytes per call (allocation is nearly exact across processes). */
const snapshotAllocationTolerance = 0.1;
/** Bytes per call a perf snapshot's allocation may grow by regardless of the relative tolerance (async plumbing). */
const snapshotAllocationSlackBytes = 256;

/**
 * The effective options of `toMatchPerfSnapshot`: the tolerances (time: 1, i.e. up to 2× the recorded median plus
 * 1 µs; allocation: 10% plus 256 B), the clock a new entry is recorded on and the time cap of each measurement (the
 * assertion's own, else `configure()`'s, else `'auto'` and 1000 ms), the heap, and whether snapshots may be
 * written (`snapshotUpdateMode`).
 *
 * @example
 * const { timeTolerance, update } = perfSnapshotOptions({ timeTolerance: 0.5 }, this.snapshotState);
 */
export function perfSnapshotOptions(
  given: Given<{ timeTolerance: number; allocationTolerance: number; clock: ClockMode; maxTimeMs: number }>,
  runnerSnapshotState: unknown,
) {
  const settings = currentSettings();
  return {
    timeTolerance: given.timeTolerance ?? snapshotTimeTolerance,
    allocationTolerance: given.allocationTolerance ?? snapshotAllocationTolerance,
    timeSlackNs: snapshotTimeSlackNs,
    allocationSlackBytes: snapshotAllocationSlackBytes,
    clockMode: given.clock ?? settings.clock,
    update: snapshotUpdateMode(runnerSnapshotState),
    /** The cap of the one counted call when the assertion gave one (else measureQueries' own). */
    queryMaxTimeMs: given.maxTimeMs,
    ...overrides('loadPerCore'),
    ...allocateOptions({ maxTimeMs: given.maxTimeMs }),
  };
}

/**
 * The effective options of `toUseStackAtMost`: 1000 warm-up calls (within a quarter of the cap and 50 ms), 3 equal
 * readings in a row, and the time cap, the assertion's own else `configure()`'s else 1000 ms.
 *
 * @example
 * const { warmupCalls, confirmations, maxTimeMs } = useStackOptions({ warmupCalls: 200 });
 */
export function useStackOptions(given: Given<{ warmupCalls: number; maxTimeMs: number }>): { warmupCalls: number; confirmations: number; maxTimeMs: number } {
  return { warmupCalls: given.warmupCalls ?? 1000, confirmations: 3, maxTimeMs: given.maxTimeMs ?? currentSettings().maxTimeMs };
}
