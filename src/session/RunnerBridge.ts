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
