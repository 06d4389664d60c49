import { currentSettings } from '../config/currentSettings.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { engineOverrides } from '../config/engineOverrides.js';
import { isThenable } from '../engine/isThenable.js';
import { measureAllocation } from '../engine/measureAllocation.js';
import { nativeHeapProbe } from '../engine/nativeHeapProbe.js';
import { profileAllocationSites } from '../engine/profileAllocationSites.js';
import type { SiteProfile } from '../engine/SiteProfile.js';
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
  const maxTimeMs = options.maxTimeMs ?? currentSettings().maxTimeMs;
  const probe = engineOverrides.heapProbe ?? nativeHeapProbe();
  const measurement = await measureAllocation(target, {
    ...(options.n === undefined ? {} : { n: options.n }),
    calls,
    warmupCalls,
    maxTimeMs,
    probe,
    ...(engineOverrides.clock === undefined ? {} : { clock: engineOverrides.clock }),
  });
  const pass = measurement.bytesPerCall <= budgetBytes;
  let sites: SiteProfile | undefined;
  if (!pass) {
    // Only a failure shows sites; profiling one more call at a small sampling interval costs about one call more.
    const workload = toWorkload(target, options.n);
    const prepared = workload.prepare?.();
    const input = isThenable(prepared) ? await prepared : prepared;
    sites = await profileAllocationSites(() => workload.call(input), probe, { expectedBytes: measurement.bytesPerCall });
  }
  // Every call gives a figure, so there is always evidence and never an inconclusive verdict.
  return settleVerdict(this, { verdict: pass ? 'pass' : 'fail', pass }, {
    matcher,
    message: () => allocationMessage(this, measurement, { budgetBytes, calls, warmupCalls, maxTimeMs, n: options.n, sites }),
    why: () => 'no allocation was measured',
    remedy: () => 'raise maxTimeMs',
  });
}
