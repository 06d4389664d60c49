/**
 * Everything measured at one input size n: the metric per call of every sample (in the metric's unit), and what
 * the size costs (ns, from the probe calls that chose it).
 *
 * @example
 * const medianNs = quantile([...size.values].sort((a, b) => a - b), 0.5);
 */
export interface SizeMeasurement {
  n: number;
  /** The metric per call, one value per sample, in sampling order (warm-up excluded). */
  values: number[];
  /** Calls per sample (batched for time when one call is too short to time alone). */
  calls: number;
  /** Wall and CPU time of each sample's calls together, in ns (setup excluded). */
  sampleWallNs: number[];
  sampleCpuNs: number[];
  /** One call's wall time and one setup's wall time, in ns, as probed. */
  callNs: number;
  /** One call's work as probed, in ns: the smaller of CPU and wall time for sync work (wall time under 50 µs), wall time for async. */
  workNs: number;
  setupNs: number;
  /** The kind of input setup(n) returned (e.g. `Array`, `Int32Array`, `string`), when there was a setup. */
  inputType?: string;
}
