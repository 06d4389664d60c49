import type { Complexity } from './engine/growth/complexityClasses.js';
import type { BlockEventLoopOptions } from './matchers/toBlockEventLoopAtMost.js';
import type { AllocateOptions } from './matchers/toAllocateAtMost.js';
import type { FasterThanOptions } from './matchers/toBeFasterThan.js';
import type { QueryCountOptions } from './matchers/measureQueryCall.js';
import type { PerfSnapshotOptions } from './matchers/toMatchPerfSnapshot.js';
import type { RetainOptions } from './matchers/toRetainAtMost.js';
import type { RunUnderOptions } from './matchers/toRunUnder.js';
import type { ScaleOptions } from './matchers/toScaleAtMost.js';
import type { UseStackOptions } from './matchers/toUseStackAtMost.js';
import type { ByteString } from './input/byteCount.js';
import type { ReceiverCheck } from './ReceiverCheck.js';
import type { SizedWorkload } from './engine/workload.js';

/**
 * The perfspec matchers as they appear on `expect(received)`, independent of the runner: each runner entry
 * merges this into its own matcher interface with R set to that runner's assertion result type and T to the
 * received type (a receiver that is neither a function nor a sized workload is a compile error). Every matcher
 * is async: always `await` it.
 *
 * @example
 * await expect(() => parse(doc)).toRunUnder(5);
 */
export interface PerfMatchers<R, T = unknown> {
  /**
   * Asserts that the median (or another statistic) of per-call time is under `budgetMs` milliseconds.
   *
   * @param budgetMs - the budget in milliseconds (multiplied by the configured time scale).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => parse(doc)).toRunUnder(5);
   * await expect(sized(n => shuffled(n), a => mySort(a))).toRunUnder(50, 10_000);
   */
  toRunUnder(budgetMs: number, nOrOptions?: number | RunUnderOptions, ...receiver: ReceiverCheck<T>): Promise<R>;

  /**
   * Asserts that one call allocates at most `bytes` in steady state (median over calls after warm-up, V8 heap plus
   * ArrayBuffer memory, an empty function's figure subtracted); a failure lists the top allocation sites.
   *
   * @param bytes - the budget in bytes, or a string with a unit: `'512 B'`, `'64 KiB'`, `'1.5 MiB'`, `'2 MB'`.
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => encode(msg)).toAllocateAtMost('2 KiB');
   * await expect(sized(n => rows(n), r => toCsv(r))).toAllocateAtMost('1 MiB', 10_000);
   */
  toAllocateAtMost(bytes: number | ByteString, nOrOptions?: number | AllocateOptions, ...receiver: ReceiverCheck<T>): Promise<R>;
  /**
   * Asserts that calls keep at most `bytes` of heap per call: fails only when every block of calls after the first
   * grew by more (full gcs between blocks, an empty function's growth subtracted). `0` means "does not leak".
   *
   * @param bytes - retained bytes allowed per call, a number or a string with a unit such as `'64 B'`.
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => server.handle(request)).toRetainAtMost(0);
   */
  toRetainAtMost(bytes: number | ByteString, nOrOptions?: number | RetainOptions, ...receiver: ReceiverCheck<T>): Promise<R>;

  /**
   * Asserts that one call issues at most `k` database statements, counted at the driver (pg, mysql2,
   * better-sqlite3, PGlite, ioredis, or anything passed to `trackQueries`); on failure lists them by shape with
   * likely N+1s flagged.
   *
   * @param k - the most statements allowed (a count; transaction control is not counted by default).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => repo.listUsersWithTeams()).toIssueQueriesAtMost(2);
   */
  toIssueQueriesAtMost(k: number, nOrOptions?: number | QueryCountOptions, ...receiver: ReceiverCheck<T>): Promise<R>;

  /**
   * Asserts that one call sends at most `k` outgoing HTTP requests (fetch, undici, node:http); on failure lists
   * them by method, origin and path shape.
   *
   * @param k - the most requests allowed (a count).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => client.loadDashboard()).toIssueRequestsAtMost(3);
   */
  toIssueRequestsAtMost(k: number, nOrOptions?: number | QueryCountOptions, ...receiver: ReceiverCheck<T>): Promise<R>;

  /**
   * Asserts that one call gets at most `k` rows back from the database over all its statements, counted at the
   * driver (cursor and iterator rows as they arrive); on failure names the statement that returned the most, its
   * call site and the fix (WHERE, LIMIT/keyset pagination, aggregation in SQL).
   *
   * @param k - the most rows allowed (a count).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => listOrders(db, { customerId: 7 })).toFetchRowsAtMost(100);
   */
  toFetchRowsAtMost(k: number, nOrOptions?: number | QueryCountOptions): Promise<R>;

  /**
   * Asserts that one call never holds the event loop for more than `budgetMs` at a stretch (the synchronous code
   * between two awaits, `*Sync` Node APIs included), judged on the median of 3 calls after a warm-up: computation on
   * CPU time, sync I/O on the time it waited. A failure names what ran in the longest stretch and where.
   *
   * @param budgetMs - the longest blocked stretch allowed, in milliseconds (multiplied by the configured time scale).
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(() => handler(request)).toBlockEventLoopAtMost(10);
   */
  toBlockEventLoopAtMost(budgetMs: number, nOrOptions?: number | BlockEventLoopOptions): Promise<R>;

  /**
   * Asserts that one synchronous call needs at most `bytes` of stack beyond its caller's — the deepest its stack
   * reached, measured exactly after a warm-up and confirmed by equal readings. A failure names the recursive
   * function (file:line) and, for a sized workload, the n at which Node's default stack would overflow. A call
   * that returns a promise is a usage error (code after an await runs on a fresh stack).
   *
   * @param bytes - the budget in bytes, or a string with a unit: `'512 B'`, `'64 KiB'`, `'1 MiB'`.
   * @param nOrOptions - input size n for a sized workload, or options.
   * @example
   * await expect(sized(n => list(n), walk)).toUseStackAtMost('64 KiB', 5_000);
   */
  toUseStackAtMost(bytes: number | ByteString, nOrOptions?: number | UseStackOptions, ...receiver: ReceiverCheck<T>): Promise<R>;

  /**
   * Asserts that the cost (time by default) of a sized workload or a function of n grows at most like a
   * complexity class: fails only when the measured growth is significantly faster.
   *
   * @param complexity - the bound, e.g. `'n log n'` or `'O(n log n)'`.
   * @param options - `sizes` (≥ 4 increasing n), `metric` (`'time'`, `'ops'`, `'allocations'`, `'queries'`, `'rows'`, `'blocking'`, `'stack'`), `maxTimeMs` (ms), `samples` per size.
   * @example
   * await expect(sized(n => shuffled(n), a => mySort(a))).toScaleAtMost('n log n');
   * await expect(sized(n => shuffled(n), a => a.sort(countingCompare))).toScaleAtMost('n log n', { metric: 'ops' });
   */
  toScaleAtMost(complexity: Complexity, options?: ScaleOptions, ...receiver: ReceiverCheck<T>): Promise<R>;

  /**
   * Asserts that the received function is faster than `reference` (by at least `by` times): both run in this
   * process, interleaved in random order pair by pair, and the median of the per-pair speedups (reference ÷ received
   * time per call) is judged with confidence bounds, on CPU time for sync work.
   *
   * @param reference - the function to compare with, or a sized workload when the received one is sized.
   * @param nOrOptions - input size n of both sized workloads, or options (`by`, `n`, `clock`, `maxTimeMs`).
   * @example
   * await expect(() => newParse(doc)).toBeFasterThan(() => oldParse(doc), { by: 1.5 });
   */
  toBeFasterThan(reference: (() => unknown) | SizedWorkload<unknown>, nOrOptions?: number | FasterThanOptions, ...receiver: ReceiverCheck<T>): Promise<R>;

  /**
   * Asserts that the workload still performs as recorded in its perf snapshot (`__perf_snapshots__/<test file>.perf.json`,
   * beside the test file): the first run records time, bytes allocated, queries and requests per call; later runs
   * compare queries and requests exactly (a diff of shapes on failure), allocation and time within tolerances (time
   * only on a matching environment fingerprint). Updated with the runner's `-u` or `PERFSPEC_UPDATE=1`; never
   * written in CI unless asked. Cannot be negated.
   *
   * @param nOrOptions - input size n for a sized workload, or options (`n`, `timeTolerance`, `allocationTolerance`, `clock`, `maxTimeMs`).
   * @example
   * await expect(() => repo.listUsersWithTeams()).toMatchPerfSnapshot();
   */
  toMatchPerfSnapshot(nOrOptions?: number | PerfSnapshotOptions, ...receiver: ReceiverCheck<T>): Promise<R>;
}
