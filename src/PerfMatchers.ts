import type { QueryCountOptions } from './matchers/QueryCountOptions.js';
import type { RunUnderOptions } from './matchers/RunUnderOptions.js';

/**
 * The perfspec matchers as they appear on `expect(received)`, independent of the runner: each runner entry
 * merges this into its own matcher interface with R set to that runner's assertion result type. Every matcher
 * is async: always `await` it.
 *
 * @example
 * await expect(() => parse(doc)).toRunUnder(5);
 */
export interface PerfMatchers<R> {
  /**
   * Asserts that the median (or another statistic) of per-call time is under `budgetMs` milliseconds.
   *
   * @param budgetMs - the budget in milliseconds (multiplied by the configured time scale).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => parse(doc)).toRunUnder(5);
   * await expect(sized(n => shuffled(n), a => mySort(a))).toRunUnder(50, 10_000);
   */
  toRunUnder(budgetMs: number, nOrOptions?: number | RunUnderOptions): Promise<R>;

  /**
   * Asserts that one call issues at most `k` database statements, counted at the driver (pg, mysql2,
   * better-sqlite3, PGlite, ioredis, or anything passed to `trackQueries`); on failure lists them by shape with
   * likely N+1s flagged.
   *
   * @param k - the most statements allowed (a count; transaction control is not counted by default).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => repo.listUsersWithTeams()).toIssueQueriesAtMost(2);
   */
  toIssueQueriesAtMost(k: number, nOrOptions?: number | QueryCountOptions): Promise<R>;

  /**
   * Asserts that one call sends at most `k` outgoing HTTP requests (fetch, undici, node:http); on failure lists
   * them by method, origin and path shape.
   *
   * @param k - the most requests allowed (a count).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => client.loadDashboard()).toIssueRequestsAtMost(3);
   */
  toIssueRequestsAtMost(k: number, nOrOptions?: number | QueryCountOptions): Promise<R>;
}
