import { currentSettings } from '../config/currentSettings.js';
import { engineOverrides } from '../config/engineOverrides.js';
import { isThenable } from '../engine/isThenable.js';
import { measureRetention } from '../engine/measureRetention.js';
import { nativeHeapProbe } from '../engine/nativeHeapProbe.js';
import { profileAllocationSites } from '../engine/profileAllocationSites.js';
import { retentionExceeds } from '../engine/retentionExceeds.js';
import type { SiteProfile } from '../engine/SiteProfile.js';
import { toWorkload } from '../engine/toWorkload.js';
import type { MatcherContext } from '../MatcherContext.js';
import type { MatcherResult } from '../MatcherResult.js';
import { byteCount } from '../report/byteCount.js';
import { check } from '../report/check.js';
import { receivedWorkload } from '../report/receivedWorkload.js';
import { sizeOrOptions } from '../report/sizeOrOptions.js';
import { retentionMessage } from '../report/retentionMessage.js';
import { usageError } from '../report/usageError.js';
import { settleVerdict } from '../config/settleVerdict.js';

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
  const options = sizeOrOptions(matcher, nOrOptions, {
    blocks: atLeastThree,
    callsPerBlock: check.positiveInteger,
    maxTimeMs: check.positiveNumber,
  });
  const target = receivedWorkload(matcher, received, options.n);
  const blocks = options.blocks ?? 4;
  const callsPerBlock = options.callsPerBlock ?? 100;
  const maxTimeMs = options.maxTimeMs ?? currentSettings().maxTimeMs;
  const probe = engineOverrides.heapProbe ?? nativeHeapProbe();
  const measurement = await measureRetention(target, {
    ...(options.n === undefined ? {} : { n: options.n }),
    blocks,
    callsPerBlock,
    maxTimeMs,
    probe,
    ...(engineOverrides.clock === undefined ? {} : { clock: engineOverrides.clock }),
  });
  if (measurement.growthBytes.length < 3) {
    return settleVerdict(this, { verdict: 'inconclusive', pass: false, evidence: 'none' }, {
      matcher,
      message: () => retentionMessage(this, measurement, { bytesPerCall, maxTimeMs, n: options.n, sites: undefined }),
      why: () =>
        `only ${measurement.growthBytes.length} of ${blocks} blocks of ${callsPerBlock} calls fit in maxTimeMs ${maxTimeMs} (${Math.round(measurement.elapsedMs)} ms spent), and a verdict needs at least 3`,
      remedy: () => 'raise maxTimeMs or lower callsPerBlock',
    });
  }
  const pass = !retentionExceeds(measurement.growthBytes, callsPerBlock, bytesPerCall);
  let sites: SiteProfile | undefined;
  if (!pass) {
    // One more block under the sampling profiler, keeping only objects still alive after a full gc: the sites of
    // the retained memory.
    const workload = toWorkload(target, options.n);
    const inputs: unknown[] = [];
    for (let i = 0; i < callsPerBlock && workload.prepare !== undefined; i++) {
      const input = workload.prepare();
      inputs.push(isThenable(input) ? await input : input);
    }
    const judged = measurement.growthBytes.slice(1).sort((a, b) => a - b);
    const run = measurement.async
      ? async () => {
          for (let i = 0; i < callsPerBlock; i++) await workload.call(inputs[i]);
        }
      : () => {
          for (let i = 0; i < callsPerBlock; i++) workload.call(inputs[i]);
        };
    sites = await profileAllocationSites(run, probe, { expectedBytes: judged[0] ?? 0, retainedOnly: true });
  }
  return settleVerdict(this, { verdict: pass ? 'pass' : 'fail', pass }, {
    matcher,
    message: () => retentionMessage(this, measurement, { bytesPerCall, maxTimeMs, n: options.n, sites }),
    why: () => 'no block was judged',
    remedy: () => 'raise maxTimeMs',
  });
}
