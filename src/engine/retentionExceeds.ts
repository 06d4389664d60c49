import { retentionAllowance } from './retentionAllowance.js';

/**
 * The leak rule of `toRetainAtMost`: true only when every judged block (all but the first, which settles
 * caches, lazy initialisation and JIT state) grew by more than `bytesPerCall` × `callsPerBlock` plus a 1 KiB
 * noise floor. A bounded cache grows in the first block only; a leak grows in every block.
 *
 * @param growthBytes - growth of each block in bytes, first block included.
 * @param callsPerBlock - calls per block.
 * @param bytesPerCall - the allowed retention per call in bytes.
 * @example
 * retentionExceeds([9000, 3200, 3200, 3200], 100, 0); // true: 32 B per call in every block
 */
export function retentionExceeds(growthBytes: readonly number[], callsPerBlock: number, bytesPerCall: number): boolean {
  const judged = growthBytes.slice(1);
  return judged.length > 0 && judged.every((bytes) => bytes > retentionAllowance(callsPerBlock, bytesPerCall));
}
