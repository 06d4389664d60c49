import { engineOverrides } from '../config/engineOverrides.js';
import { heapTimeCap } from '../config/heapTimeCap.js';
import { measureRetention } from '../engine/measureRetention.js';
import { nativeClock } from '../engine/nativeClock.js';
import { nativeHeapProbe } from '../engine/nativeHeapProbe.js';
import { profileWorkload } from '../engine/profileWorkload.js';
import { retentionExceeds } from '../engine/retentionExceeds.js';
import { toWorkload } from '../engine/toWorkload.js';
import type { MatcherContext } from '../MatcherContext.js';
import type { MatcherResult } from '../MatcherResult.js';
import { byteCount } from '../report/byteCount.js';
import { check } from '../report/check.js';
import { receivedWorkload } from '../report/receivedWorkload.js';
import { sizeOrOptions } from '../report/sizeOrOptions.js';
import { retentionMessage } from '../report/retentionMessage.js';

/** Calls profiled on failure to show where the retained memory was allocated, and the most they may keep. */
const profiledCalls = 100;
const profiledMaxBytes = 16 * 1024 * 1024;

/**
 * Asserts that a function keeps at most `bytes` of heap per call: after warm-up calls (caches fill, code warms
 * up) and full gcs, the heap's growth over at least as many further calls, judged against `bytes` per call plus a
 * noise floor. The number of calls is planned from what gcs and calls cost in this process, within the time cap.
 * `toRetainAtMost(0)` is the usual "does not leak".
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param bytes - retained bytes allowed per call, a number or a string with a unit such as `'64 B'`.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, calls, maxTimeMs }`.
 * @example
 * await expect(() => server.handle(request)).toRetainAtMost(0);
 */
export async function toRetainAtMost(this: MatcherContext | undefined, received: unknown, bytes: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const matcher = 'toRetainAtMost';
  const bytesPerCall = byteCount(matcher, 'bytes', bytes);
  const options = sizeOrOptions(matcher, nOrOptions, { calls: check.positiveInteger, maxTimeMs: check.positiveNumber });
  const target = receivedWorkload(matcher, received, options.n);
  const cap = heapTimeCap(options.maxTimeMs);
  const probe = engineOverrides.heapProbe ?? nativeHeapProbe();
  const clock = engineOverrides.clock ?? nativeClock;
  const measurement = await measureRetention(target, {
    ...(options.n === undefined ? {} : { n: options.n }),
    ...(options.calls === undefined ? {} : { calls: options.calls }),
    ...cap,
    label: matcher,
    probe,
    clock,
  });
  const pass = !retentionExceeds(measurement, bytesPerCall);
  let sites: Awaited<ReturnType<typeof profileWorkload>> | undefined;
  if (!pass && measurement.stoppedBy !== 'memory') {
    // A few more calls under the sampling profiler, keeping only objects still alive after a full gc: the sites
    // of the retained memory. Bounded like the measurement: a call that hangs ends the profile, not the test.
    const calls = Math.max(1, Math.min(profiledCalls, measurement.judgedCalls, Math.floor(profiledMaxBytes / Math.max(1, measurement.bytesPerCall))));
    sites = await profileWorkload(toWorkload(target, options.n), calls, probe, {
      budgetMs: Math.max(250, measurement.capMs / 4),
      expectedBytes: Math.max(0, measurement.bytesPerCall),
      retainedOnly: true,
      clock,
      label: matcher,
    });
  }
  return {
    pass,
    message: () => retentionMessage(this, measurement, { bytesPerCall, maxTimeMs: cap.maxTimeMs, calls: options.calls, n: options.n, sites }),
  };
}
