import type { MeasureQueriesOptions } from '../queries/MeasureQueriesOptions.js';

/**
 * Options of `toIssueQueriesAtMost` and `toIssueRequestsAtMost`.
 *
 * @example
 * await expect(() => repo.save(user)).toIssueQueriesAtMost(3, { transactionControl: true });
 */
export interface QueryCountOptions extends MeasureQueriesOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
}
