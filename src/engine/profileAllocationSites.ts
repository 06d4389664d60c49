import { sitesFromProfile } from './sitesFromProfile.js';
import type { SiteProfile } from './SiteProfile.js';
import type { HeapProbe } from './HeapProbe.js';
import { isThenable } from './isThenable.js';
import { isOwnFile } from './isOwnFile.js';
import { sourcePosition } from './sourcePosition.js';

/**
 * Runs calls of a workload under V8's sampling heap profiler and groups what they allocated by site of the
 * user's code. The sampling interval is chosen from the expected bytes so that about two thousand samples are
 * taken (16 B at least, where sampling is exact; V8's default of 32 KiB is off by ±35–50%).
 *
 * @param run - makes the calls to profile (inputs already prepared).
 * @param probe - the heap to profile.
 * @param expected - `expectedBytes` the calls allocate, and `retainedOnly` to keep only objects still alive at
 *   the end (after a full gc): the sites of retained memory.
 * @example
 * const { sites } = await profileAllocationSites(() => chain(rows), nativeHeapProbe(), { expectedBytes: 80_000 });
 */
export async function profileAllocationSites(
  run: () => unknown,
  probe: HeapProbe,
  expected: { expectedBytes: number; retainedOnly?: boolean },
): Promise<SiteProfile> {
  const intervalBytes = samplingInterval(expected.expectedBytes);
  let partial = false;
  const root = await probe.profile(
    async () => {
      const result = run();
      if (isThenable(result)) {
        partial = true;
        await result;
      }
      if (expected.retainedOnly === true) probe.collectGarbage();
    },
    intervalBytes,
    expected.retainedOnly !== true,
  );
  return { ...sitesFromProfile(root, isOwnFile, process.cwd(), sourcePosition), intervalBytes, partial };
}

function samplingInterval(expectedBytes: number): number {
  const target = Math.max(16, expectedBytes / 2048);
  return Math.min(65_536, 2 ** Math.floor(Math.log2(target)));
}
