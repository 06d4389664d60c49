import { captureCallerStack } from './captureCallerStack.js';
import { spyState } from './spyState.js';
import type { RecordedQuery } from './spyState.js';

const now = performance.now.bind(performance);

/**
 * Called by an adapter when its driver issues a statement: records it in the measurement whose async context
 * this is, or does nothing (and costs one store lookup) when no measurement is active.
 *
 * @example
 * const query = recordQuery('pg', 'postgresql', 'query', 'SELECT 1', []);
 */
export function recordQuery(driver: string, system: string, kind: 'query' | 'request', text: string, params: readonly unknown[]): RecordedQuery | undefined {
  const scope = spyState.als.getStore();
  if (scope === undefined) return undefined;
  let stack = spyState.callerStack ?? scope.callerStack ?? scope.stacks.get(text);
  // A capture costs 2–7 µs. Messages show the call site of the first statement of each shape, so after 100
  // distinct texts (SQL with inlined values repeats none) later ones go without.
  if (stack === undefined && scope.stacks.size < 100) {
    stack = captureCallerStack(recordQuery);
    scope.stacks.set(text, stack);
  }
  const query: RecordedQuery = { kind, system, driver, text, params, startMs: now(), stack, durationMs: undefined, rows: undefined, returnedRows: undefined, failed: false };
  (scope.open ? scope.recorded : scope.late).push(query);
  return query;
}

/**
 * Marks a recorded statement complete: its duration, the rows it returned or affected, and whether it failed.
 *
 * @example
 * finishQuery(query, result.rowCount ?? undefined, false);
 */
export function finishQuery(query: RecordedQuery | undefined, rows: number | undefined, failed: boolean, returnedRows?: number): void {
  if (query === undefined || query.durationMs !== undefined) return;
  query.durationMs = now() - query.startMs;
  query.rows = rows;
  query.failed = failed;
  if (returnedRows !== undefined) addReturnedRows(query, returnedRows);
}

/**
 * Adds rows that reached the application to a recorded statement: all at once when the driver hands over a result,
 * or a few at a time as a cursor or iterator delivers them.
 *
 * @example
 * addReturnedRows(query, result.rows.length);
 */
export function addReturnedRows(query: RecordedQuery | undefined, count: number): void {
  if (query === undefined) return;
  query.returnedRows = (query.returnedRows ?? 0) + count;
}

