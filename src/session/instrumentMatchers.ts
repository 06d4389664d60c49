import { setImmediate } from 'node:timers';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { assertionSession, type PendingAssertion } from './assertionSession.js';

/**
 * What a runner entry tells perfspec's run-time glue about its runner: which test an assertion belongs to, and
 * how to show an inconclusive verdict on that test. Neither may throw.
 *
 * @example
 * const bridge: RunnerBridge = { testOf: (state) => state.currentTestName, show: (test, note) => console.warn(note) };
 */
export interface RunnerBridge {
  /** The running test, from the matcher's `this` (Vitest puts the task there; Jest only its name). */
  testOf(matcherState: unknown): object | string | undefined;
  /** Shows one note on the test: a Vitest annotation, or a marked console line in Jest. */
  show(test: object | string | undefined, note: string): void;
}

type Matcher = (this: MatcherContext | undefined, received: unknown, ...rest: unknown[]) => Promise<MatcherResult>;

/**
 * Wraps each matcher for a runner: records every started assertion against its test (so that one left un-awaited
 * can fail that test), shows inconclusive verdicts on the test through the bridge, and counts them for the file's
 * summary.
 *
 * @example
 * expect.extend(instrumentMatchers(matchers, vitestBridge));
 */
export function instrumentMatchers<M extends Record<string, Matcher>>(raw: M, bridge: RunnerBridge): M {
  const wrapped: Record<string, Matcher> = {};
  for (const [name, matcher] of Object.entries(raw)) {
    wrapped[name] = function (this: MatcherContext | undefined, received: unknown, ...rest: unknown[]): Promise<MatcherResult> {
      const test = bridge.testOf(this);
      const isNot = this?.isNot === true;
      let markSettled = (): void => {};
      const entry: PendingAssertion = { matcher: name, settled: false, forgotten: false, done: new Promise((resolve) => (markSettled = resolve)) };
      const list = assertionSession.pending.get(test) ?? [];
      list.push(entry);
      assertionSession.pending.set(test, list);
      assertionSession.assertions += 1;
      const settle = (): void => {
        entry.settled = true;
        const index = list.indexOf(entry);
        if (index >= 0) list.splice(index, 1);
        if (list.length === 0) assertionSession.pending.delete(test);
        markSettled();
      };
      // Once reported as not awaited, the assertion's own outcome would only surface as an unhandled rejection
      // after the run, attributed to no test: it is swallowed (the report already failed its test).
      const swallowed: MatcherResult = { pass: !isNot, message: () => `${name} was not awaited` };
      // Measuring starts a macrotask later: a sync workload measures in microtasks only, so without this an
      // un-awaited assertion would settle before the test ends and look awaited. Both runners run afterEach
      // before the next macrotask, so the assertion is still pending there. node:timers is never faked.
      const deferred = new Promise<void>((resolve) => setImmediate(resolve));
      return deferred.then(() => matcher.call(this, received, ...rest)).then(
        (result) => {
          settle();
          if (entry.forgotten) return swallowed;
          if (result.inconclusive !== undefined) {
            assertionSession.inconclusive.push(result.inconclusive);
            bridge.show(test, result.inconclusive);
          }
          return result;
        },
        (error: unknown) => {
          settle();
          if (entry.forgotten) return swallowed;
          throw error;
        },
      );
    };
  }
  return wrapped as M;
}
