import { queryCap } from '../config/effectiveOptions.js';
import { toWorkload } from '../engine/workload.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { measureQueries, validateQueryOptions } from '../queries/measureQueries.js';
import type { MeasureQueriesOptions, QueryLog } from '../queries/measureQueries.js';

/**
 * Options of `toIssueQueriesAtMost`, `toIssueRequestsAtMost` and `toFetchRowsAtMost`.
 *
 * @example
 * await expect(() => repo.save(user)).toIssueQueriesAtMost(3, { transactionControl: true });
 */
export interface QueryCountOptions extends MeasureQueriesOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
}

/**
 * The measuring half of the query matchers: reads `nOrOptions`, prepares a sized workload's input outside the
 * measurement, runs the call once inside it, and returns the log with the options that reproduce it (as the
 * message's `Rerun:` line and as an object).
 *
 * @example
 * const { log, rerun } = await measureQueryCall('toFetchRowsAtMost', received, 10_000);
 */
export async function measureQueryCall(matcher: string, received: unknown, nOrOptions: unknown): Promise<{ log: QueryLog; rerun: string; rerunOptions: Record<string, unknown> }> {
  const options = typeof nOrOptions === 'number' ? { n: check.positiveInteger(matcher, 'n', nOrOptions) } : validateQueryOptions(matcher, nOrOptions, true);
  const { n, ...measureOptions } = options;
  const workload = toWorkload(receivedWorkload(matcher, received, n), n, queryCap(measureOptions.maxTimeMs).capMs);
  const input = workload.prepare === undefined ? undefined : await workload.prepare();
  const log = await measureQueries(() => workload.call(input), measureOptions);
  const rerunOptions: Record<string, unknown> = {
    ...(n === undefined ? {} : { n }),
    ...(measureOptions.transactionControl === undefined ? {} : { transactionControl: measureOptions.transactionControl }),
    ...(measureOptions.ignore === undefined ? {} : { ignore: String(measureOptions.ignore) }),
  };
  const rerun = Object.entries(rerunOptions).map(([key, value]) => `${key}: ${String(value)}`);
  return { log, rerun: rerun.length === 0 ? '{}' : `{ ${rerun.join(', ')} }`, rerunOptions };
}
