import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { judgeQueryCount } from './judgeQueryCount.js';

/**
 * Asserts that one call of a function (or of a sized workload at input size n) sends at most k outgoing HTTP
 * requests (global fetch, undici, node:http and node:https); on failure lists them by method, origin and path shape.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param k - the most requests allowed.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, ignore, maxTimeMs }`.
 * @example
 * await expect(() => client.loadDashboard()).toIssueRequestsAtMost(3);
 */
export async function toIssueRequestsAtMost(this: MatcherContext | undefined, received: unknown, k: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  return judgeQueryCount(this, 'toIssueRequestsAtMost', 'request', received, k, nOrOptions);
}
