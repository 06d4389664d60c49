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
