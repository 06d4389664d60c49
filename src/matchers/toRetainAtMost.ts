import { retainOptions } from '../config/effectiveOptions.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { measureRetention, retentionExceeds } from '../engine/heap/measureRetention.js';
import { profileWorkloadSites } from '../engine/heap/profileAllocationSites.js';
import { nativeClock } from '../engine/time/nativeClock.js';
import { byteCount } from '../input/byteCount.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import { retentionMessage } from '../report/toRetainAtMost.js';

/**
 * Options of `toRetainAtMost`.
 *
 * @example
 * await expect(() => server.handle(req)).toRetainAtMost(0, { calls: 5000, maxTimeMs: 3000 });
 */
export interface RetainOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /**
   * Calls before the first reading, twice as many after it (default: as many as the cap allows, up to 32 768).
   * More calls see smaller leaks and let larger bounded caches fill before the growth is judged.
   */
  calls?: number;
  /**
   * Cap on measuring time for this assertion, in ms (default 1000, or `configure({ maxTimeMs })`; with neither,
   * the cap may stretch up to 4000 when this process's gcs are too slow for the least evidence).
   */
  maxTimeMs?: number;
}

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
  const given = sizeOrOptions(matcher, nOrOptions, { calls: check.positiveInteger, maxTimeMs: check.positiveNumber });
  const target = receivedWorkload(matcher, received, given.n);
  const options = retainOptions(given);
  const clock = options.clock ?? nativeClock;
  const measurement = await measureRetention(target, { ...(given.n === undefined ? {} : { n: given.n }), ...options, label: matcher });
  const pass = !retentionExceeds(measurement, bytesPerCall);
  // On failure, a few more calls under the sampling profiler, keeping only objects still alive after a full gc:
  // the sites of the retained memory. Bounded like the measurement: a call that hangs ends the profile, not the
  // test; skipped after a stop for memory (more calls would only bring the heap limit nearer).
  const sites =
    pass || measurement.stoppedBy === 'memory'
      ? undefined
      : await profileWorkloadSites(target, {
          n: given.n,
          calls: Math.max(1, Math.min(profiledCalls, measurement.judgedCalls, Math.floor(profiledMaxBytes / Math.max(1, measurement.bytesPerCall)))),
          probe: options.probe,
          expectedBytes: Math.max(0, measurement.bytesPerCall),
          retainedOnly: true,
          budgetMs: Math.max(1000, measurement.capMs / 4),
          clock,
          label: matcher,
        });
  const forAgent = recordAssertion(
    this,
    {
      matcher,
      metric: 'retained bytes per call',
      statistic: `heap growth over ${measurement.judgedCalls} calls after warm-up`,
      value: measurement.bytesPerCall,
      unit: 'B',
      ...(given.n === undefined ? {} : { n: given.n }),
      verdict: pass ? 'pass' : 'fail',
      pass,
      budget: bytesPerCall,
      direction: 'at most',
    },
    { rerun: { ...(given.n === undefined ? {} : { n: given.n }), ...(given.calls === undefined ? {} : { calls: given.calls }), maxTimeMs: Math.round(measurement.capMs) }, sites },
  );
  return settleVerdict(this, { verdict: pass ? 'pass' : 'fail', pass }, {
    matcher,
    message: () => retentionMessage(this, measurement, { bytesPerCall, maxTimeMs: options.maxTimeMs, calls: given.calls, n: given.n, sites }) + forAgent(),
    why: () => 'no call was judged',
    remedy: () => 'raise maxTimeMs',
  });
}
