import { isThenable } from '../engine/isThenable.js';
import { realTimeout } from '../engine/realTimeout.js';
import { usageError } from '../report/usageError.js';
import { repairHooks } from './repairHooks.js';
import { installDrivers } from './installDrivers.js';
import { queryCap } from './queryCap.js';
import type { MeasureQueriesOptions } from './MeasureQueriesOptions.js';
import type { QueryEvent } from './QueryEvent.js';
import type { QueryLog } from './QueryLog.js';
import type { QueryScope } from './QueryScope.js';
import { spyState } from './spyState.js';
import { toQueryEvent } from './toQueryEvent.js';
import { validateQueryOptions } from './validateQueryOptions.js';

const now = performance.now.bind(performance);

/**
 * Runs `fn` once, awaited inside the measurement (a returned query builder too), and returns the database statements
 * and HTTP requests this call alone issued, counted at the drivers; if `fn` throws, its original error is rethrown.
 *
 * @param fn - the call to measure: a zero-argument function, sync or async.
 * @param options - `transactionControl` (count BEGIN/COMMIT…), `ignore` (RegExp or predicate), `maxTimeMs`.
 * @example
 * const log = await measureQueries(() => repo.listUsersWithTeams());
 * console.log(log.queries.length, log.queries.map((q) => q.shape));
 */
export async function measureQueries(fn: () => unknown, options?: MeasureQueriesOptions): Promise<QueryLog> {
  if (typeof fn !== 'function') {
    throw usageError({ matcher: 'measureQueries', argument: 'fn', expectation: 'a function (sync or async)', received: fn, hint: 'wrap the call: measureQueries(() => work())' });
  }
  const valid = validateQueryOptions('measureQueries', options, false);
  const cap = queryCap(valid.maxTimeMs);
  const maxTimeMs = cap.capMs;
  await installDrivers();
  repairHooks();
  const scope: QueryScope = { open: true, recorded: [], late: [], stacks: new Map() };
  const start = now();
  let timedOut = false;
  let cancel: (() => void) | undefined;
  const call = spyState.als.run(scope, async () => {
    const result = fn();
    if (isThenable(result)) await result;
  });
  const deadline = new Promise<void>((resolve) => {
    cancel = realTimeout(() => {
      timedOut = true;
      resolve();
    }, maxTimeMs);
  });
  try {
    await Promise.race([call, deadline]);
  } finally {
    scope.open = false;
    cancel?.();
    // An abandoned call may still reject later; its error is not this test's any more.
    if (timedOut) call.catch(() => undefined);
  }
  const elapsedMs = now() - start;
  const events = scope.recorded.map(toQueryEvent);
  const counted = (event: QueryEvent): boolean => {
    if (event.transactionControl && valid.transactionControl !== true) return false;
    // search() rather than test(): a /g or /y RegExp keeps lastIndex between test() calls and skips matches.
    if (valid.ignore instanceof RegExp) return event.text.search(valid.ignore) === -1;
    if (valid.ignore !== undefined) return !valid.ignore(event);
    return true;
  };
  const included: QueryEvent[] = [];
  const excluded: QueryEvent[] = [];
  for (const event of events) (counted(event) ? included : excluded).push(event);
  return {
    queries: included.filter((event) => event.kind === 'query'),
    requests: included.filter((event) => event.kind === 'request'),
    excluded,
    get late() {
      return scope.late.map(toQueryEvent);
    },
    elapsedMs,
    timedOut,
    maxTimeMs,
    ...(cap.loweredFromMs === undefined || cap.testTimeoutMs === undefined ? {} : { cappedByTestTimeoutMs: cap.testTimeoutMs }),
  };
}
