import { allocateOptions } from '../config/effectiveOptions.js';
import { settleVerdict } from '../config/settleVerdict.js';
import { measureAllocation } from '../engine/heap/measureAllocation.js';
import { profileWorkloadSites } from '../engine/heap/profileAllocationSites.js';
import { nativeClock } from '../engine/time/nativeClock.js';
import { byteCount } from '../input/byteCount.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
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
  /**
   * Cap on measuring time for this assertion, in ms (default 1000, or `configure({ maxTimeMs })`; with neither,
   * the cap may stretch up to 4000 when this process's heap is too large for the planned calls in 1000).
   */
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
  const measurement = await measureAllocation(target, { ...(given.n === undefined ? {} : { n: given.n }), ...options, label: matcher });
  const pass = measurement.bytesPerCall <= budgetBytes;
  // Only a failure shows sites; profiling one more call at a small sampling interval costs about one call more.
  // Bounded like the measurement: a call that hangs ends the profile, not the test.
  const sites = pass
    ? undefined
    : await profileWorkloadSites(target, {
        n: given.n,
        calls: 1,
        probe: options.probe,
        expectedBytes: measurement.bytesPerCall,
        budgetMs: Math.max(1000, measurement.capMs / 4),
        clock: options.clock ?? nativeClock,
        label: matcher,
      });
  const { calls, warmupCalls, maxTimeMs } = options;
  const forAgent = recordAssertion(
    this,
    {
      matcher,
      metric: 'allocated bytes per call',
      statistic: `median of ${calls} calls`,
      value: measurement.bytesPerCall,
      unit: 'B',
      ...(given.n === undefined ? {} : { n: given.n }),
      verdict: pass ? 'pass' : 'fail',
      pass,
      budget: budgetBytes,
      direction: 'at most',
    },
    { rerun: { ...(given.n === undefined ? {} : { n: given.n }), calls, maxTimeMs: Math.round(measurement.capMs) }, sites },
  );
  // Every call gives a figure, so there is always evidence and never an inconclusive verdict.
  return settleVerdict(this, { verdict: pass ? 'pass' : 'fail', pass }, {
    matcher,
    message: () => allocationMessage(this, measurement, { budgetBytes, calls, warmupCalls, maxTimeMs, n: given.n, sites }) + forAgent(),
    why: () => 'no allocation was measured',
    remedy: () => 'raise maxTimeMs',
  });
}
