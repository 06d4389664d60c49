import type { AllocationSample } from './AllocationSample.js';

/**
 * The result of `measureAllocation`: bytes one call allocates in steady state, with the evidence. Bytes unless
 * the name says otherwise.
 *
 * @example
 * const { bytesPerCall, baselineBytes } = await measureAllocation(() => encode(msg));
 */
export interface AllocationMeasurement {
  /** Median bytes per call (heap plus off-heap) over the measured calls, minus the empty-function baseline. */
  bytesPerCall: number;
  /** The V8-heap part of `bytesPerCall`. */
  heapBytesPerCall: number;
  /** The ArrayBuffer/external part of `bytesPerCall`. */
  externalBytesPerCall: number;
  /** Median bytes the measuring itself showed around an empty function (subtracted above). */
  baselineBytes: number;
  /** The measured calls, in order, before the baseline is subtracted. */
  samples: AllocationSample[];
  /** Largest minus smallest total of the judged samples (0 when every call allocated the same). */
  spreadBytes: number;
  /** Calls made before measuring, so that JIT tiering had settled. */
  warmupCalls: number;
  /** Median number of garbage collections during a measured call. */
  gcsPerCall: number;
  /** Whether the function returned a promise that was awaited. */
  async: boolean;
  /** Whether some off-heap bytes may be missing: buffers freed by a gc during the call are not seen. */
  externalPartial: boolean;
  /** How the run ended: the last `calls` calls agreed, or the cap ended the extra calls made while they did not. */
  stoppedBy: 'calls' | 'time-cap';
  /** The cap the run was planned in (ms): `maxTimeMs`, or more when it was allowed to stretch to hold the planned calls. */
  capMs: number;
  /** Wall time of the whole measurement, in ms. */
  elapsedMs: number;
}
