import type { AllocationSite } from './AllocationSite.js';

/**
 * The allocation sites of one profiled call (or block of calls), with what could not be attributed. Bytes.
 *
 * @example
 * const { sites, partial } = await profileAllocationSites(() => chain(rows), probe, { expectedBytes: 64_000 });
 */
export interface SiteProfile {
  /** Sites of the user's code, largest first. */
  sites: AllocationSite[];
  /** Bytes sampled in perfspec's and Node's own code. */
  unattributedBytes: number;
  /** Mean sampling interval used, in bytes (smaller is more exact and slower). */
  intervalBytes: number;
  /** True when the call was async: allocations after an `await` may be missing or mixed with other work. */
  partial: boolean;
}
