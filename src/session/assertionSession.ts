/**
 * One test file's record of perfspec assertions: those still pending per test (to catch a forgotten `await`),
 * and the inconclusive notes shown so far (for the file's summary line). Module state, one per runner module
 * registry, which both Vitest (isolated files) and Jest give each test file.
 *
 * @example
 * assertionSession.inconclusive.push(note);
 */
export const assertionSession: {
  pending: Map<object | string | undefined, PendingAssertion[]>;
  inconclusive: string[];
  assertions: number;
} = { pending: new Map(), inconclusive: [], assertions: 0 };

/**
 * One perfspec assertion that has been started: its matcher name, whether it has settled, and whether the glue
 * already reported it as not awaited (then its outcome is swallowed, so it does not surface again later).
 *
 * @example
 * const entry: PendingAssertion = { matcher: 'toRunUnder', settled: false, forgotten: false, done: Promise.resolve() };
 */
export interface PendingAssertion {
  matcher: string;
  settled: boolean;
  forgotten: boolean;
  /** Resolves when the assertion has settled, however it settled. */
  done: Promise<void>;
}
