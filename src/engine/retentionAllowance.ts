/**
 * Growth per block below this is measurement noise, not retention: with nothing retained, blocks still moved by
 * up to ±900 B on the real heap (runtime bookkeeping that a gc does not undo in step). At the default 100 calls
 * per block this hides leaks under ~10 B per call; more calls per block see smaller ones.
 */
const noiseFloorBytes = 1024;

/**
 * The growth a block may show before it counts as over: the allowance for its calls plus the noise floor. Bytes.
 *
 * @example
 * retentionAllowance(100, 0); // 1024
 */
export function retentionAllowance(callsPerBlock: number, bytesPerCall: number): number {
  return bytesPerCall * callsPerBlock + noiseFloorBytes;
}
