import type { Clock } from './Clock.js';

/**
 * What the sweep tells a metric when it asks for one sample at one size: the clock, how many calls to take
 * (each on a fresh input), when to abandon a pending async call (ns after the sample starts), and which clock
 * judges time.
 *
 * @example
 * const sample = await timeMetric.sample(workload, { clock: nativeClock, calls: 100, timeoutNs: 1e9, judgeOn: 'cpu' });
 */
export interface MetricContext {
  clock: Clock;
  calls: number;
  timeoutNs: number;
  judgeOn: 'cpu' | 'wall';
}
