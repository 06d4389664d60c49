import type { TimeSample } from './sampleTime.js';

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
export function assertClockAdvances(sample: TimeSample): void {
  if (sample.calls < frozenAfterCalls || sample.wallNs > 0) return;
  throw new Error(
    `perfspec: the wall clock did not advance over ${sample.calls.toLocaleString('en-US')} calls, so time cannot be measured. ` +
      'Fake timers installed before perfspec loaded replace the clock it reads (Jest `fakeTimers: { enableGlobally: true }`, ' +
      'or a Vitest setup file calling `vi.useFakeTimers()` listed before `perfspec/vitest`): load perfspec first, ' +
      'or install fake timers inside the tests that need them (`jest.useFakeTimers()` / `vi.useFakeTimers()` in the test, restored after).',
  );
}
