import type { QueryEvent } from './QueryEvent.js';

/**
 * What `measureQueries` recorded during one call: the counted queries and requests, the ones left out, and the
 * late ones issued after the call had settled.
 *
 * @example
 * const log = await measureQueries(() => repo.listUsers());
 * expect(log.queries).toHaveLength(2);
 */
export interface QueryLog {
  /** Database statements issued by the call, in order; what `toIssueQueriesAtMost` counts. */
  readonly queries: readonly QueryEvent[];
  /** Outgoing HTTP requests issued by the call, in order; what `toIssueRequestsAtMost` counts. */
  readonly requests: readonly QueryEvent[];
  /** Issued by the call but not counted: transaction control (by default) and whatever `ignore` matched. */
  readonly excluded: readonly QueryEvent[];
  /** Issued in the call's async context after it had settled (a promise nobody awaited); never counted. Grows while late work goes on. */
  readonly late: readonly QueryEvent[];
  /** Wall time of the call in milliseconds. */
  readonly elapsedMs: number;
  /** True when the call had not settled within `maxTimeMs` and was abandoned; the log holds what it issued until then. */
  readonly timedOut: boolean;
  /** The time cap the call ran under, in milliseconds. */
  readonly maxTimeMs: number;
  /** Set when the default cap was lowered to stay inside the running test's timeout (this many ms). */
  readonly cappedByTestTimeoutMs?: number;
}
