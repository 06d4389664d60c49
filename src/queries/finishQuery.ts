import type { RecordedQuery } from './RecordedQuery.js';

const now = performance.now.bind(performance);

/**
 * Marks a recorded statement complete: its duration, the rows it returned or affected, and whether it failed.
 *
 * @example
 * finishQuery(query, result.rowCount ?? undefined, false);
 */
export function finishQuery(query: RecordedQuery | undefined, rows: number | undefined, failed: boolean): void {
  if (query === undefined || query.durationMs !== undefined) return;
  query.durationMs = now() - query.startMs;
  query.rows = rows;
  query.failed = failed;
}
