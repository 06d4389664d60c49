import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { judgeQueryCount } from './judgeQueryCount.js';

/**
 * Asserts that one call of a function (or of a sized workload at input size n) issues at most k database
 * statements, counted at the drivers; on failure lists them by shape with likely N+1s flagged.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param k - the most statements allowed (transaction control not counted unless `transactionControl: true`).
 * @param nOrOptions - the input size n of a sized workload, or `{ n, transactionControl, ignore, maxTimeMs }`.
 * @example
 * await expect(() => repo.listUsersWithTeams()).toIssueQueriesAtMost(2);
 */
export async function toIssueQueriesAtMost(this: MatcherContext | undefined, received: unknown, k: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  return judgeQueryCount(this, 'toIssueQueriesAtMost', 'query', received, k, nOrOptions);
}
