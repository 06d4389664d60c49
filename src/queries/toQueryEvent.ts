import { shapeOf } from './shapeOf.js';
import type { RecordedQuery } from './spyState.js';
import { userCallSite } from './userCallSite.js';

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
  /**
   * Rows the database returned to the application (a SELECT's result rows, RETURNING rows, cursor or iterator rows
   * as they arrived; 0 for a write without RETURNING); undefined when the driver does not report them.
   */
  readonly returnedRows: number | undefined;
  /** Whether the driver reported an error for it. */
  readonly failed: boolean;
  /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE (and Redis MULTI/EXEC/DISCARD). */
  readonly transactionControl: boolean;
  /** The first stack frame in the caller's code (not the driver's, an ORM's or perfspec's), as `file:line:column`. */
  readonly callSite: string | undefined;
}

// N+1 logs repeat one text many times: normalize each distinct text once. Bounded by bytes, not entries: a
// statement with a megabyte of inlined values must not be kept as a key (100 such statements kept 100–201 MB).
// Only short texts are cached, and the whole cache is dropped when it reaches its byte budget.
const shapes = new Map<string, string>();
const maxCachedTextChars = 2048;
const maxCacheChars = 1 << 20;
let cachedChars = 0;

/**
 * The public, read-only view of a recorded statement, with its shape and call site worked out (lazily: the
 * duration and rows are read when accessed, so a statement still running shows them once it completes).
 *
 * @example
 * const events = scope.recorded.map(toQueryEvent);
 */
export function toQueryEvent(recorded: RecordedQuery): QueryEvent {
  const cacheable = recorded.text.length <= maxCachedTextChars;
  let shape = cacheable ? shapes.get(recorded.text) : undefined;
  if (shape === undefined) {
    shape = shapeOf(recorded.system, recorded.text).shape;
    if (cacheable) {
      const chars = recorded.text.length + shape.length;
      if (cachedChars + chars > maxCacheChars) {
        shapes.clear();
        cachedChars = 0;
      }
      shapes.set(recorded.text, shape);
      cachedChars += chars;
    }
  }
  let callSite: string | undefined | null = null;
  return {
    kind: recorded.kind,
    system: recorded.system,
    driver: recorded.driver,
    text: recorded.text,
    params: recorded.params,
    shape,
    get durationMs() {
      return recorded.durationMs;
    },
    get rows() {
      return recorded.rows;
    },
    get returnedRows() {
      return recorded.returnedRows;
    },
    get failed() {
      return recorded.failed;
    },
    transactionControl: isTransactionControl(recorded.system, recorded.text),
    get callSite() {
      if (callSite === null) callSite = userCallSite(recorded.stack);
      return callSite;
    },
  };
}

/**
 * Whether a statement only controls a transaction (BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT,
 * SAVEPOINT, RELEASE, and Redis MULTI/EXEC/DISCARD), which the query matchers leave out unless asked.
 *
 * @example
 * isTransactionControl('postgresql', 'COMMIT'); // true
 */
function isTransactionControl(system: string, text: string): boolean {
  if (system === 'redis') return /^(MULTI|EXEC|DISCARD)\b/i.test(text);
  if (system === 'http') return false;
  return /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE)\b/i.test(text);
}
