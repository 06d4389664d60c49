import { createHook } from 'node:async_hooks';
import { queryCap } from '../config/effectiveOptions.js';
import { isThenable, realDeadline, timedOut as deadlinePassed } from '../engine/workload.js';
import { check } from '../input/check.js';
import { usageError } from '../input/usageError.js';
import { validateOptions } from '../input/validateOptions.js';
import { adapters } from './adapters/adapters.js';
import { installHook } from './installHook.js';
import { spyState } from './spyState.js';
import type { QueryScope } from './spyState.js';
import { toQueryEvent } from './toQueryEvent.js';
import type { QueryEvent } from './toQueryEvent.js';

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
  /** Abandon the call after this many milliseconds (default 10 000, or `configure({ maxTimeMs })` if larger; a default longer than 80% of the running test's timeout is lowered to that). */
  maxTimeMs?: number;
}

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

function boolean(matcher: string, argument: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw usageError({ matcher, argument, expectation: 'true or false', received: value });
}

function ignore(matcher: string, argument: string, value: unknown): NonNullable<MeasureQueriesOptions['ignore']> {
  if (value instanceof RegExp || typeof value === 'function') return value as NonNullable<MeasureQueriesOptions['ignore']>;
  throw usageError({ matcher, argument, expectation: 'a RegExp (tested against the statement) or a function (event) => boolean', received: value });
}

/**
 * Validates the options of `measureQueries` and of the query-counting matchers (which also take `n`), throwing a
 * usage error that names the function and the option.
 *
 * @example
 * const options = validateQueryOptions('toIssueQueriesAtMost', received, true);
 */
export function validateQueryOptions(matcher: string, value: unknown, withN: boolean): MeasureQueriesOptions & { n?: number } {
  const validators = { transactionControl: boolean, ignore, maxTimeMs: check.positiveNumber };
  const options = withN ? validateOptions(matcher, 'options', value, { ...validators, n: check.positiveInteger }) : validateOptions(matcher, 'options', value, validators);
  return options as MeasureQueriesOptions & { n?: number };
}

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
  const scope: QueryScope = { open: true, recorded: [], late: [], stacks: new Map(), origins: new Map() };
  const unwatch = watchPromiseOrigins();
  const start = now();
  let timedOut = false;
  const call = spyState.als.run(scope, async () => {
    const result = fn();
    if (isThenable(result)) await result;
  });
  const deadline = realDeadline(maxTimeMs);
  try {
    timedOut = (await deadline.race(call)) === deadlinePassed;
  } finally {
    scope.open = false;
    unwatch();
    scope.origins?.clear();
    deadline.clear();
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

/**
 * Puts back every method patch that something else replaced since it was installed (`vi.spyOn(…).mockRestore()` or
 * `jest.restoreAllMocks()` restore the method they saw, which drops perfspec's hook while its registry still says
 * installed): run before each measurement, so that a driver never counts 0 because its hook is gone.
 *
 * @example
 * repairHooks();
 */
function repairHooks(): void {
  for (const entry of spyState.installed.values()) {
    if (entry.intact !== undefined && entry.install !== undefined && !entry.intact()) installHook(entry, entry.install);
  }
}

/**
 * Zero-config hooking, run before every measurement and cheap once done: hooks each supported driver the process
 * has loaded by now, and subscribes to the drivers' diagnostics channels.
 *
 * @example
 * await installDrivers();
 */
async function installDrivers(): Promise<void> {
  if (!spyState.autoInstall) return;
  for (const adapter of adapters) await adapter.install();
}

/** Origins kept per measurement: enough for the promises of a few hundred statements, bounded in memory. */
const maxOrigins = 20_000;
let watchers = 0;
const originHook = createHook({
  init(asyncId, type, triggerAsyncId) {
    if (type !== 'PROMISE') return;
    const scope = spyState.als.getStore();
    if (scope?.open !== true || scope.origins === undefined || scope.origins.size >= maxOrigins) return;
    // Captured unformatted (~1 µs); formatted only for the statements whose own stack holds no caller frame.
    const holder: { stack?: string } = {};
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 12;
    Error.captureStackTrace(holder);
    Error.stackTraceLimit = limit;
    scope.origins.set(asyncId, { holder, triggerAsyncId });
  },
});

// Promise hooks cost every promise in the process something, so they are on only while a measurement runs.
function watchPromiseOrigins(): () => void {
  if (watchers++ === 0) originHook.enable();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--watchers === 0) originHook.disable();
  };
}
