import type { Clock } from './Clock.js';
import { exclusiveHeap } from './exclusiveHeap.js';
import type { HeapProbe } from './HeapProbe.js';
import { isThenable } from './isThenable.js';
import { profileAllocationSites } from './profileAllocationSites.js';
import type { SiteProfile } from './SiteProfile.js';
import { settleWithin } from './settleWithin.js';
import type { Workload } from './Workload.js';

/**
 * What `profileWorkload` found: the sites, and how many calls the profile covers (fewer than asked when the time
 * budget ran out), or why there is no profile.
 *
 * @example
 * const profiled: ProfiledCalls = await profileWorkload(workload, 100, probe, options);
 */
export type ProfiledCalls = { profile: SiteProfile; calls: number } | { profile: undefined; reason: string };

/**
 * Profiles up to `calls` calls of a workload under the sampling heap profiler for a failure message, within
 * `budgetMs` of wall time: inputs are built one call at a time, an async call (or input) that has not settled
 * when the budget is spent ends the profile, and no further call is started once it is spent. Never throws for
 * lack of time: it says why there is no profile instead. Errors of the function propagate.
 *
 * @param workload - the calls to profile.
 * @param calls - how many calls at most.
 * @param probe - the heap to profile.
 * @param options - `budgetMs` (ms), `expectedBytes` the calls allocate (sets the sampling interval),
 *   `retainedOnly` to keep only what is alive after a full gc at the end, the `clock`, and `label` for errors.
 * @example
 * const { profile } = await profileWorkload(workload, 1, probe, { budgetMs: 500, expectedBytes: 4096, clock, label: 'toAllocateAtMost' });
 */
export async function profileWorkload(
  workload: Workload,
  calls: number,
  probe: HeapProbe,
  options: { budgetMs: number; expectedBytes: number; retainedOnly?: boolean; clock: Clock; label: string },
): Promise<ProfiledCalls> {
  const { clock, label } = options;
  const start = clock.wallNs();
  const remainingMs = (): number => options.budgetMs - (clock.wallNs() - start) / 1e6;
  let made = 0;
  let sawAsync = false;
  const run = async (): Promise<void> => {
    while (made < calls && (made === 0 || remainingMs() > 0)) {
      let input = workload.prepare?.();
      if (isThenable(input)) {
        sawAsync = true;
        await settleWithin(input, Math.max(1, remainingMs()), label);
        input = await input;
      }
      const result = workload.call(input);
      if (isThenable(result)) {
        sawAsync = true;
        await settleWithin(result, Math.max(1, remainingMs()), label);
      }
      made += 1;
    }
  };
  try {
    const profile = await exclusiveHeap(label, () =>
      profileAllocationSites(run, probe, { expectedBytes: options.expectedBytes * calls, ...(options.retainedOnly === true ? { retainedOnly: true } : {}) }),
    );
    return { profile: { ...profile, partial: sawAsync }, calls: Math.max(1, made) };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`${label}: the measured call had not settled`)) {
      return { profile: undefined, reason: `a profiled call had not settled within ${Math.round(options.budgetMs)} ms` };
    }
    throw error;
  }
}
