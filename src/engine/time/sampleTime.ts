import { isThenable, realDeadline, timedOut } from '../workload.js';
import type { Deadline } from '../workload.js';
import type { Workload } from '../workload.js';
import type { Clock } from './nativeClock.js';

/**
 * One timed batch: `calls` consecutive calls of the workload and the wall and CPU time they took together (ns).
 * `timedOut` marks a batch abandoned because a call did not settle before its deadline.
 *
 * @example
 * const perCallNs = sample.cpuNs / sample.calls;
 */
export interface TimeSample {
  calls: number;
  wallNs: number;
  cpuNs: number;
  /** Garbage-collection pauses of this thread during the calls, in ns of wall time (0 unless asked for and the clock can count them). */
  gcNs: number;
  /** Whether any call returned a promise (or other thenable) that was awaited. */
  awaited: boolean;
  timedOut: boolean;
}

/**
 * Times `calls` consecutive calls of a workload on both clocks, and with `countGcPauses` the gc pauses among them
 * where the clock can. Inputs of a sized workload are all prepared
 * before the clocks start. Async results are awaited; if one has not settled `timeoutNs` after the batch
 * started, the batch is abandoned and marked `timedOut`. Errors of the workload propagate unchanged.
 *
 * @example
 * const sample = await sampleTime({ call: () => parse(doc) }, 100, nativeClock, 1e9);
 */
export async function sampleTime(workload: Workload, calls: number, clock: Clock, timeoutNs: number, options: { countGcPauses?: boolean } = {}): Promise<TimeSample> {
  const inputs: unknown[] = [];
  if (workload.prepare) {
    for (let i = 0; i < calls; i++) {
      const input = workload.prepare();
      inputs.push(isThenable(input) ? await input : input);
    }
  }
  const { call } = workload;
  let awaited = false;
  let deadline: Deadline | undefined;
  // Only where asked (the time growth metric): the GC profiler reads the heap's statistics at every collection, a
  // cost inside the timed window that budgets and speed comparisons need not pay.
  const stopGcCount = options.countGcPauses === true ? clock.gcPauses?.() : undefined;
  const wall0 = clock.wallNs();
  const cpu0 = clock.cpuNs();
  try {
    for (let i = 0; i < calls; i++) {
      const result = call(inputs[i]);
      if (!isThenable(result)) continue;
      awaited = true;
      deadline ??= realDeadline((timeoutNs - (clock.wallNs() - wall0)) / 1e6);
      if ((await deadline.race(result)) === timedOut) {
        return { calls: i + 1, wallNs: clock.wallNs() - wall0, cpuNs: clock.cpuNs() - cpu0, gcNs: stopGcCount?.() ?? 0, awaited, timedOut: true };
      }
    }
  } catch (error) {
    stopGcCount?.();
    throw error;
  } finally {
    deadline?.clear();
  }
  const cpu1 = clock.cpuNs();
  const wall1 = clock.wallNs();
  const gcNs = stopGcCount?.() ?? 0;
  const sample: TimeSample = { calls, wallNs: wall1 - wall0, cpuNs: cpu1 - cpu0, gcNs, awaited, timedOut: false };
  assertClockAdvances(sample);
  return sample;
}

/** No real clock stands still over this many calls: a single read of `process.hrtime` alone costs ~40 ns. */
const frozenAfterCalls = 1000;

/**
 * Throws a clear error when the wall clock did not move at all over a batch of at least 1 000 calls: the clock
 * perfspec reads is frozen (fake timers installed before perfspec loaded replaced it), and sampling would
 * otherwise grow its batches forever looking for measurable time.
 *
 * @param sample - a batch just timed by `sampleTime`.
 * @example
 * const sample = await sampleTime(workload, 1000, clock, 1e9);
 * assertClockAdvances(sample);
 */
function assertClockAdvances(sample: TimeSample): void {
  if (sample.calls < frozenAfterCalls || sample.wallNs > 0) return;
  throw new Error(
    `perfspec: the wall clock did not advance over ${sample.calls.toLocaleString('en-US')} calls, so time cannot be measured. ` +
      'Fake timers installed before perfspec loaded replace the clock it reads (Jest `fakeTimers: { enableGlobally: true }`, ' +
      'or a Vitest setup file calling `vi.useFakeTimers()` listed before `perfspec/vitest`): load perfspec first, ' +
      'or install fake timers inside the tests that need them (`jest.useFakeTimers()` / `vi.useFakeTimers()` in the test, restored after).',
  );
}
