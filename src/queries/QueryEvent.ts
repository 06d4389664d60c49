/**
 * One statement sent to a database (or one outgoing HTTP request), as the spy recorded it at the driver.
 *
 * @example
 * const { queries } = await measureQueries(() => repo.listUsers());
 * console.log(queries[0]?.shape, queries[0]?.durationMs);
 */
export interface QueryEvent {
  /** `'query'` for a database statement or command, `'request'` for an outgoing HTTP request. */
  readonly kind: 'query' | 'request';
  /** What received it: `'postgresql'`, `'mysql'`, `'sqlite'`, `'redis'` or `'http'`. */
  readonly system: string;
  /** The driver or client that sent it: `'pg'`, `'mysql2'`, `'better-sqlite3'`, `'pglite'`, `'ioredis'`, `'fetch'`, `'http'`. */
  readonly driver: string;
  /** The statement as sent (SQL, Redis command with its arguments, or `METHOD url`). */
  readonly text: string;
  /** Bound parameters as passed to the driver (empty when the values are inside `text`). */
  readonly params: readonly unknown[];
  /** `text` with literals and parameters replaced by `?` and IN-lists collapsed: equal shapes are the same query. */
  readonly shape: string;
  /** Time from issue to completion in milliseconds; undefined if it had not completed when the log was read. */
  readonly durationMs: number | undefined;
  /** Rows returned or affected (or the HTTP status for requests), when the driver reports it. */
  readonly rows: number | undefined;
  /** Whether the driver reported an error for it. */
  readonly failed: boolean;
  /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE (and Redis MULTI/EXEC/DISCARD). */
  readonly transactionControl: boolean;
  /** The first stack frame in the caller's code (not the driver's, an ORM's or perfspec's), as `file:line:column`. */
  readonly callSite: string | undefined;
}
