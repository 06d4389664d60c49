import { settleVerdict } from '../config/settleVerdict.js';
import { usageError } from '../input/usageError.js';
import { countReturnedRows } from '../queries/countReturnedRows.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import { rowsMessage } from '../report/toFetchRowsAtMost.js';
import { measureQueryCall } from './measureQueryCall.js';

const matcher = 'toFetchRowsAtMost';

/**
 * Asserts that one call of a function (or of a sized workload at input size n) gets at most k rows back from the
 * database, over all its statements, counted at the drivers (cursor and iterator rows as they arrive); on failure
 * names the statement that returned the most, where it was issued, and the fix.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param k - the most rows allowed (a count, 0 or more).
 * @param nOrOptions - the input size n of a sized workload, or `{ n, transactionControl, ignore, maxTimeMs }`.
 * @example
 * await expect(() => listOrders(db, { customerId: 7 })).toFetchRowsAtMost(100);
 */
export async function toFetchRowsAtMost(this: MatcherContext | undefined, received: unknown, k: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0) {
    throw usageError({ matcher, argument: 'k', expectation: 'a whole number of rows (0 or more)', received: k });
  }
  const { log, rerun, rerunOptions } = await measureQueryCall(matcher, received, nOrOptions);
  const { rows, unknown } = countReturnedRows(log);
  const pass = !log.timedOut && rows <= k;
  const decided = !log.timedOut && !(pass && unknown.length > 0);
  const largest = [...log.queries].filter((event) => event.returnedRows !== undefined).sort((a, b) => (b.returnedRows ?? 0) - (a.returnedRows ?? 0));
  const forAgent = recordAssertion(
    this,
    {
      matcher,
      metric: 'rows returned per call',
      statistic: 'count',
      value: rows,
      unit: 'rows',
      ...(typeof rerunOptions['n'] === 'number' ? { n: rerunOptions['n'] } : {}),
      verdict: decided ? (pass ? 'pass' : 'fail') : 'inconclusive',
      pass,
      budget: k,
      direction: 'at most',
    },
    { rerun: rerunOptions, top: largest.slice(0, 3).map((event) => ({ statement: event.shape, rows: event.returnedRows, callSite: event.callSite ?? null })) },
  );
  const message = (): string => rowsMessage(this, { limit: k, log, rerun }) + forAgent();
  if (log.timedOut) {
    // Neither verdict is known for a call that never settled, so it fails both with and without .not.
    throw new Error(`${matcher}: the call had not settled after ${log.elapsedMs.toFixed(0)} ms (maxTimeMs) and was abandoned\n\n${message()}`);
  }
  if (rows <= k && unknown.length > 0) {
    // Rows the spy could not count might exceed k: a pass would be a guess, so neither verdict is given.
    throw new Error(`${matcher}: ${unknown.length} statement(s) returned rows the driver did not report, so whether the call stayed within ${k} is unknown\n\n${message()}`);
  }
  return settleVerdict(this, { verdict: pass ? 'pass' : 'fail', pass }, {
    matcher,
    message,
    why: () => 'no statement was counted',
    remedy: () => 'raise maxTimeMs',
  });
}
