/**
 * One sample of a metric at one size: the metric per call (in the metric's unit), and what the sample cost
 * (calls made, wall and CPU ns of those calls), so the sweep can keep to its time cap.
 *
 * @example
 * const { perCall, wallNs } = await opsMetric.sample(workload, context);
 */
export interface MetricSample {
  perCall: number;
  calls: number;
  wallNs: number;
  cpuNs: number;
  /** Whether a call returned a promise (or other thenable) that was awaited. */
  awaited: boolean;
  /** Whether a pending call was abandoned at the context's timeout. */
  timedOut: boolean;
}
