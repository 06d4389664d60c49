import type { TimedPair } from './sampleInterleaved.js';
import type { TimeSample } from './sampleTime.js';

/**
 * The per-pair log speedups ln(reference ÷ received) of an interleaved run on the given per-call reading; a pair
 * in which either batch read as zero time (below the clock's resolution) carries no ratio and is left out.
 *
 * @example
 * const sorted = logRatios(run.pairs, s => s.cpuNs / s.calls).sort((a, b) => a - b);
 */
export function logRatios(pairs: readonly TimedPair[], perCall: (sample: TimeSample) => number): number[] {
  const ratios: number[] = [];
  for (const pair of pairs) {
    const received = perCall(pair.received);
    const reference = perCall(pair.reference);
    if (received > 0 && reference > 0) ratios.push(Math.log(reference / received));
  }
  return ratios;
}
