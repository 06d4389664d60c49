import type { SamplingRun } from './SamplingRun.js';
import type { Summary } from './Summary.js';

/**
 * The result of `measureTime`: per-call times in ns on both clocks, and the 95% interval of the median on the
 * judging clock.
 *
 * @example
 * const { cpu, medianLowerNs, medianUpperNs } = await measureTime(() => parse(doc));
 */
export interface TimeMeasurement {
  clock: 'cpu' | 'wall';
  cpu: Summary;
  wall: Summary;
  medianNs: number;
  medianLowerNs?: number;
  medianUpperNs?: number;
  run: SamplingRun;
}
