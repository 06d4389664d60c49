import { engineOverrides } from '../config/engineOverrides.js';
import { heapTimeCap } from '../config/heapTimeCap.js';
import { measureAllocation } from '../engine/measureAllocation.js';
import { nativeClock } from '../engine/nativeClock.js';
import { nativeHeapProbe } from '../engine/nativeHeapProbe.js';
import { profileWorkload } from '../engine/profileWorkload.js';
import { toWorkload } from '../engine/toWorkload.js';
import type { MatcherContext } from '../MatcherContext.js';
import type { MatcherResult } from '../MatcherResult.js';
import { allocationMessage } from '../report/allocationMessage.js';
import { byteCount } from '../report/byteCount.js';
import { check } from '../report/check.js';
import { receivedWorkload } from '../report/receivedWorkload.js';
import { sizeOrOptions } from '../report/sizeOrOptions.js';

/**
 * Asserts that one call of a function (or of a sized workload at input size n) allocates at most `bytes` in
 * steady state: the median over several calls after warm-up, V8 heap plus ArrayBuffer memory, an empty
 * function's figure subtracted. On failure the message lists the top allocation sites of one call.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param bytes - the budget in bytes, or a string with a unit: `'512 B'`, `'64 KiB'`, `'1.5 MiB'`, `'2 MB'`.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, calls, warmupCalls, maxTimeMs }`.
 * @example
 * await expect(() => encode(msg)).toAllocateAtMost('2 KiB');
 * await expect(sized(n => rows(n), r => toCsv(r))).toAllocateAtMost('1 MiB', 10_000);
 */
export async function toAllocateAtMost(this: MatcherContext | undefined, received: unknown, bytes: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const matcher = 'toAllocateAtMost';
  const budgetBytes = byteCount(matcher, 'bytes', bytes);
  const options = sizeOrOptions(matcher, nOrOptions, {
    calls: check.positiveInteger,
    warmupCalls: check.positiveInteger,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, options.n);
  const calls = options.calls ?? 5;
  const warmupCalls = options.warmupCalls ?? 100;
  const cap = heapTimeCap(options.maxTimeMs);
  const probe = engineOverrides.heapProbe ?? nativeHeapProbe();
  const clock = engineOverrides.clock ?? nativeClock;
  const measurement = await measureAllocation(target, {
    ...(options.n === undefined ? {} : { n: options.n }),
    calls,
    warmupCalls,
    ...cap,
    label: matcher,
    probe,
    clock,
  });
  const pass = measurement.bytesPerCall <= budgetBytes;
  let sites: Awaited<ReturnType<typeof profileWorkload>> | undefined;
  if (!pass) {
    // Only a failure shows sites; profiling one more call at a small sampling interval costs about one call more.
    // Bounded like the measurement: a call that hangs ends the profile, not the test.
    sites = await profileWorkload(toWorkload(target, options.n), 1, probe, {
      budgetMs: Math.max(250, measurement.capMs / 4),
      expectedBytes: measurement.bytesPerCall,
      clock,
      label: matcher,
    });
  }
  return {
    pass,
    message: () => allocationMessage(this, measurement, { budgetBytes, calls, warmupCalls, maxTimeMs: cap.maxTimeMs, n: options.n, sites }),
  };
}
