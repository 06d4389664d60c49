import type { QueryEvent } from './QueryEvent.js';

/**
 * Options of `measureQueries` and of the query- and request-counting matchers.
 *
 * @example
 * await measureQueries(() => repo.save(user), { transactionControl: true, ignore: /pg_catalog/ });
 */
export interface MeasureQueriesOptions {
  /** Count BEGIN/COMMIT/ROLLBACK/SAVEPOINT/RELEASE too (default false: they are listed as excluded). */
  transactionControl?: boolean;
  /** Statements to leave out: a RegExp tested against the text, or a predicate on the event. */
  ignore?: RegExp | ((event: QueryEvent) => boolean);
  /** Abandon the call after this many milliseconds (default 10 000, or `configure({ maxTimeMs })` if larger). */
  maxTimeMs?: number;
}
