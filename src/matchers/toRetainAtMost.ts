import { retainOptions } from '../config/effectiveOptions.js';
import { measureRetention, retentionExceeds } from '../engine/heap/measureRetention.js';
import { profileWorkloadSites } from '../engine/heap/profileAllocationSites.js';
import { byteCount } from '../input/byteCount.js';
import { check } from '../input/check.js';
import { receivedWorkload } from '../input/receivedWorkload.js';
import { usageError } from '../input/usageError.js';
import { sizeOrOptions } from '../input/validateOptions.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { retentionMessage } from '../report/toRetainAtMost.js';

/**
 * Options of `toRetainAtMost`.
 *
 * @example
 * await expect(() => server.handle(req)).toRetainAtMost(0, { blocks: 5, callsPerBlock: 200, maxTimeMs: 3000 });
 */
export interface RetainOptions {
  /** Input size, required when `received` is a sized workload. */
  n?: number;
  /** Blocks of calls, a full gc after each; the first is not judged (default 4, at least 3). */
  blocks?: number;
  /** Calls per block (default 100). */
  callsPerBlock?: number;
  /** Cap on measuring time for this assertion, in ms (default 1000, or `configure({ maxTimeMs })`). */
  maxTimeMs?: number;
}

const atLeastThree = (matcher: string, argument: string, value: unknown): number => {
  const blocks = check.positiveInteger(matcher, argument, value);
  if (blocks >= 3) return blocks;
  throw usageError({ matcher, argument, expectation: 'an integer of at least 3 (the first block is not judged)', received: value });
};

/**
 * Asserts that a function keeps at most `bytes` of heap per call: blocks of calls with a full gc after each, the
 * first block not judged (caches fill, code warms up), an empty function's growth subtracted; it fails only when
 * every judged block grew by more than `bytes` per call. `toRetainAtMost(0)` is the usual "does not leak".
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)`.
 * @param bytes - retained bytes allowed per call, a number or a string with a unit such as `'64 B'`.
 * @param nOrOptions - the input size n of a sized workload, or `{ n, blocks, callsPerBlock, maxTimeMs }`.
 * @example
 * await expect(() => server.handle(request)).toRetainAtMost(0);
 */
export async function toRetainAtMost(this: MatcherContext | undefined, received: unknown, bytes: unknown, nOrOptions?: unknown): Promise<MatcherResult> {
  const matcher = 'toRetainAtMost';
  const bytesPerCall = byteCount(matcher, 'bytes', bytes);
  const given = sizeOrOptions(matcher, nOrOptions, {
    blocks: atLeastThree,
    callsPerBlock: check.positiveInteger,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, given.n);
  const options = retainOptions(given);
  const { blocks, callsPerBlock, maxTimeMs } = options;
  const measurement = await measureRetention(target, { ...(given.n === undefined ? {} : { n: given.n }), ...options });
  if (measurement.growthBytes.length < 3) {
    throw new Error(
      `${matcher}: only ${measurement.growthBytes.length} of ${blocks} blocks of ${callsPerBlock} calls fit in maxTimeMs ${maxTimeMs} ` +
        `(${Math.round(measurement.elapsedMs)} ms spent), and a verdict needs at least 3; raise maxTimeMs or lower callsPerBlock`,
    );
  }
  const pass = !retentionExceeds(measurement.growthBytes, callsPerBlock, bytesPerCall);
  // On failure, one more block under the sampling profiler, keeping only objects still alive after a full gc: the
  // sites of the retained memory.
  const judged = measurement.growthBytes.slice(1).sort((a, b) => a - b);
  const sites = pass
    ? undefined
    : await profileWorkloadSites(target, { n: given.n, calls: callsPerBlock, async: measurement.async, probe: options.probe, expectedBytes: judged[0] ?? 0, retainedOnly: true });
  return {
    pass,
    message: () => retentionMessage(this, measurement, { bytesPerCall, maxTimeMs, n: given.n, sites }),
  };
}
