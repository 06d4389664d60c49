import { nativeHeapProbe } from '../engine/heap/nativeHeapProbe.js';
import type { HeapProbe } from '../engine/heap/nativeHeapProbe.js';
import { allocationDefaults } from '../engine/heap/measureAllocation.js';
import { retentionDefaults } from '../engine/heap/measureRetention.js';
import type { Statistic } from '../engine/stats/statisticBounds.js';
import type { Clock, ClockMode } from '../engine/time/nativeClock.js';
import { currentSettings, explicitSettings } from './configure.js';
import { overrides } from './engineOverrides.js';

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

/** What both heap assertions hand their engine call besides their counts: the time cap, the heap and the clock. */
interface HeapRunOptions {
  maxTimeMs: number;
  probe: HeapProbe;
  clock?: Clock;
}

function heapRunOptions(maxTimeMs: number | undefined): HeapRunOptions {
  return {
    maxTimeMs: maxTimeMs ?? currentSettings().maxTimeMs,
    probe: overrides('heapProbe').heapProbe ?? nativeHeapProbe(),
    ...overrides('clock'),
  };
}

/**
 * The effective options of `toAllocateAtMost`: calls and warm-up calls as the engine counts them (5, 100), the
 * time cap of `configure()` (default 1000 ms), and the heap to measure on.
 *
 * @example
 * const { calls, warmupCalls, maxTimeMs, probe } = allocateOptions({ calls: 9 });
 */
export function allocateOptions(given: Given<{ calls: number; warmupCalls: number; maxTimeMs: number }>): HeapRunOptions & { calls: number; warmupCalls: number } {
  const calls = given.calls ?? allocationDefaults.calls;
  return { calls, warmupCalls: given.warmupCalls ?? allocationDefaults.warmupCalls, ...heapRunOptions(given.maxTimeMs) };
}

/**
 * The effective options of `toRetainAtMost`: blocks and calls per block as the engine counts them (4, 100), and
 * the time cap of `configure()` (default 1000 ms; `measureRetention` called directly defaults to 2000 ms).
 *
 * @example
 * const { blocks, callsPerBlock, maxTimeMs, probe } = retainOptions({ blocks: 5 });
 */
export function retainOptions(given: Given<{ blocks: number; callsPerBlock: number; maxTimeMs: number }>): HeapRunOptions & { blocks: number; callsPerBlock: number } {
  const blocks = given.blocks ?? retentionDefaults.blocks;
  return { blocks, callsPerBlock: given.callsPerBlock ?? retentionDefaults.callsPerBlock, ...heapRunOptions(given.maxTimeMs) };
}

/** A sweep over sizes needs more room than one timing: its cap when neither the assertion nor `configure()` sets one. */
const scaleMaxTimeMs = 2000;

/**
 * The effective options of `toScaleAtMost`: its own time cap, else the one set with `configure()`, else 2000 ms
 * (not the 1000 ms of the other matchers); sizes and samples only when given (the engine chooses otherwise).
 *
 * @example
 * const { maxTimeMs } = scaleOptions({ samples: 9 });
 */
export function scaleOptions(given: Given<{ sizes: readonly number[]; samples: number; maxTimeMs: number }>) {
  return {
    maxTimeMs: given.maxTimeMs ?? explicitSettings.maxTimeMs ?? scaleMaxTimeMs,
    ...(given.sizes === undefined ? {} : { sizes: given.sizes }),
    ...(given.samples === undefined ? {} : { samples: given.samples }),
    ...overrides('clock', 'loadPerCore'),
  };
}

/** A query measurement waits for a slow database: at least this long, whatever `configure()` says. */
const queryMinTimeMs = 10_000;

/**
 * The time cap of a query or request count (`toIssueQueriesAtMost`, `toIssueRequestsAtMost`, `measureQueries`):
 * the one given, else the larger of 10 000 ms and `configure()`'s cap.
 *
 * @example
 * const maxTimeMs = queryMaxTimeMs(options.maxTimeMs);
 */
export function queryMaxTimeMs(given: number | undefined): number {
  return given ?? Math.max(queryMinTimeMs, currentSettings().maxTimeMs);
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
