import type { RetentionMeasurement } from './RetentionMeasurement.js';

/**
 * The leak rule of `toRetainAtMost`: true when the heap grew over the judged calls by more than `bytesPerCall`
 * for each of them plus the noise floor. The judged calls are at least as many as all calls before them, so a
 * Map, Set or array gaining an entry per call has doubled its backing store at least once in between, while a
 * bounded cache, a memoized value or a lazy initialisation filled up before the first reading.
 *
 * @param measurement - `growthBytes`, `judgedCalls` and `noiseFloorBytes` of a retention measurement.
 * @param bytesPerCall - the allowed retention per call in bytes.
 * @example
 * retentionExceeds({ growthBytes: 65_536, judgedCalls: 2048, noiseFloorBytes: 16_384 }, 0); // true
 */
export function retentionExceeds(
  measurement: Pick<RetentionMeasurement, 'growthBytes' | 'judgedCalls' | 'noiseFloorBytes'>,
  bytesPerCall: number,
): boolean {
  return measurement.growthBytes > bytesPerCall * measurement.judgedCalls + measurement.noiseFloorBytes;
}
