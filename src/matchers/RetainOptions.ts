/**
 * Options of `toRetainAtMost`.
 *
 * @example
 * await expect(() => server.handle(req)).toRetainAtMost(0, { blocks: 5, callsPerBlock: 200, maxTimeMs: 3000 });
 */
export interface RetainOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /** Blocks of calls, a full gc after each; the first is not judged (default 4, at least 3). */
  blocks?: number;
  /** Calls per block (default 100). */
  callsPerBlock?: number;
  /** Cap on measuring time for this assertion, in ms (default 1000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
}
