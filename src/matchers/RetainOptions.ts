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
