/**
 * One timed batch: `calls` consecutive calls of the workload and the wall and CPU time they took together (ns).
 * `timedOut` marks a batch abandoned because a call did not settle before its deadline.
 *
 * @example
 * const perCallNs = sample.cpuNs / sample.calls;
 */
export interface TimeSample {
  calls: number;
  wallNs: number;
  cpuNs: number;
  /** Whether any call returned a promise (or other thenable) that was awaited. */
  awaited: boolean;
  timedOut: boolean;
}
