/**
 * What the engine measures, resolved from what a user passed: a zero-argument function, or the `run` of a
 * sized workload together with the `prepare` that builds each call's fresh input (untimed).
 *
 * @example
 * const workload: Workload = { call: () => parse(doc) };
 */
export interface Workload {
  /** The measured call; `input` is what `prepare` built for this very call. */
  readonly call: (input: unknown) => unknown;
  /** Builds one call's input; absent for plain functions. Never timed. */
  readonly prepare?: () => unknown;
  /** Human-readable description for messages, e.g. "sized workload at n = 10 000". */
  readonly label?: string;
}
