import type { TimeSample } from './TimeSample.js';

/**
 * Everything one sequential sampling run produced: the measured batches after warm-up, and how it went.
 * Times are ns; `samples` hold batch totals (divide by `calls` for per-call time).
 *
 * @example
 * const perCallCpuNs = run.samples.map(s => s.cpuNs / s.calls);
 */
export interface SamplingRun {
  samples: TimeSample[];
  /** Calls per batch after calibration (1 unless a call is shorter than the minimum sample time). */
  batchSize: number;
  /** Whether the workload returned promises (then it was awaited, and `'auto'` chose the wall clock). */
  async: boolean;
  /** The clock whose per-call times were judged. */
  clock: 'cpu' | 'wall';
  warmupCalls: number;
  warmupNs: number;
  /** Wall time of the whole run including warm-up and untimed setup. */
  elapsedNs: number;
  /** Why sampling ended: a look reached a decision, the time cap, one call outlasting the cap, or a hung call. */
  stoppedBy: 'decision' | 'time-cap' | 'single-call' | 'call-timeout' | 'unmeasured';
  /** Number of looks taken at the data. */
  looks: number;
  /** Whether the cap left no time after warm-up, so the warm-up batches are the samples. */
  fromWarmup: boolean;
  /** Batches left out because the CPU clock did not resolve them (it did not move, or far less than wall time). */
  unmeasured?: number;
  /** The shortest batch (ns): 100 µs, or 100 steps of the judging CPU clock when its steps are coarser. */
  minSampleNs?: number;
  /** Which CPU clock was read, and its measured step, when the clock says. */
  cpuSource?: string;
  /** Set when auto mode judged synchronous work on wall time because the only CPU clock was too coarse for the cap. */
  coarseCpuClock?: boolean;
}
