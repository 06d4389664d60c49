import { allocateOptions } from '../config/effectiveOptions.js';
import { measureAllocation } from '../engine/heap/measureAllocation.js';
import { profileWorkloadSites } from '../engine/heap/profileAllocationSites.js';
import { byteCount } from '../input/byteCount.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { allocationMessage } from '../report/toAllocateAtMost.js';

/**
 * Options of `toAllocateAtMost`.
 *
 * @example
 * await expect(() => encode(msg)).toAllocateAtMost('2 KiB', { calls: 9, warmupCalls: 200, maxTimeMs: 2000 });
 */
export interface AllocateOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /** Calls measured after warm-up; the verdict uses their median (default 5). */
  calls?: number;
  /** Unmeasured calls first, so JIT tiering settles (default 100, within 30% of maxTimeMs). */
  warmupCalls?: number;
  /** Cap on measuring time for this assertion, in ms (default 1000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
}

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
  const given = sizeOrOptions(matcher, nOrOptions, {
    calls: check.positiveInteger,
    warmupCalls: check.positiveInteger,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, given.n);
  const options = allocateOptions(given);
  const measurement = await measureAllocation(target, { ...(given.n === undefined ? {} : { n: given.n }), ...options });
  const pass = measurement.bytesPerCall <= budgetBytes;
  // Only a failure shows sites; profiling one more call at a small sampling interval costs about one call more.
  const sites = pass
    ? undefined
    : await profileWorkloadSites(target, { n: given.n, calls: 1, async: measurement.async, probe: options.probe, expectedBytes: measurement.bytesPerCall });
  const { calls, warmupCalls, maxTimeMs } = options;
  return {
    pass,
    message: () => allocationMessage(this, measurement, { budgetBytes, calls, warmupCalls, maxTimeMs, n: given.n, sites }),
  };
}
