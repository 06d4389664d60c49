import { statisticBounds } from '../stats/statisticBounds.js';
import { summarize } from '../stats/summarize.js';
import type { Summary } from '../stats/summarize.js';
import { isSizedWorkload, toWorkload } from '../workload.js';
import type { SizedWorkload } from '../workload.js';
import { nativeClock } from './nativeClock.js';
import type { Clock, ClockMode } from './nativeClock.js';
import { sampleSequentially } from './sampleSequentially.js';
import type { SamplingRun } from './sampleSequentially.js';

/**
 * Options of `measureTime`.
 *
 * @example
 * await measureTime(() => parse(doc), { maxTimeMs: 500, precision: 0.05 });
 */
export interface MeasureTimeOptions {
  /** Input size, required for a sized workload. */
  n?: number;
  clockMode?: ClockMode;
  /** Cap on measuring time (default 1000 ms). */
  maxTimeMs?: number;
  /** Stop once the 95% interval of the median is narrower than this fraction of it (default 0.04 = ±2%). */
  precision?: number;
  clock?: Clock;
}

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

/**
 * Measures a function's (or a sized workload's) per-call time outside any assertion: warm-up, batching and
 * sequential sampling as the matchers do, stopping when the median is known to the requested precision.
 *
 * @example
 * const { medianNs, clock } = await measureTime(() => JSON.parse(text));
 * console.log(`${medianNs / 1e3} µs on the ${clock} clock`);
 */
export async function measureTime(received: (() => unknown) | SizedWorkload<unknown>, options: MeasureTimeOptions = {}): Promise<TimeMeasurement> {
  if (typeof received !== 'function' && !isSizedWorkload(received)) {
    throw new TypeError(`measureTime: received must be a function or a sized workload`);
  }
  const precision = options.precision ?? 0.04;
  const maxTimeMs = options.maxTimeMs ?? 1000;
  const run = await sampleSequentially(
    toWorkload(received, options.n),
    { clock: options.clock ?? nativeClock, clockMode: options.clockMode ?? 'auto', maxTimeMs, totalAlpha: 0.05, callTimeoutNs: maxTimeMs * 1e6 },
    (sorted, alpha) => {
      const { estimate, lower, upper } = statisticBounds(sorted, 'median', alpha);
      return lower !== undefined && upper !== undefined && upper - lower < precision * estimate;
    },
  );
  const cpu = run.samples.map((s) => s.cpuNs / s.calls);
  const wall = run.samples.map((s) => s.wallNs / s.calls);
  const judged = [...(run.clock === 'cpu' ? cpu : wall)].sort((a, b) => a - b);
  const bounds = statisticBounds(judged, 'median', 0.025);
  const result: TimeMeasurement = { clock: run.clock, cpu: summarize(cpu), wall: summarize(wall), medianNs: bounds.estimate, run };
  if (bounds.lower !== undefined) result.medianLowerNs = bounds.lower;
  if (bounds.upper !== undefined) result.medianUpperNs = bounds.upper;
  return result;
}
