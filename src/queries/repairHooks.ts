import { installHook } from './installHook.js';
import { spyState } from './spyState.js';

/**
 * Puts back every method patch that something else replaced since it was installed (`vi.spyOn(…).mockRestore()` or
 * `jest.restoreAllMocks()` restore the method they saw, which drops perfspec's hook while its registry still says
 * installed): run before each measurement, so that a driver never counts 0 because its hook is gone.
 *
 * @example
 * repairHooks();
 */
export function repairHooks(): void {
  for (const entry of spyState.installed.values()) {
    if (entry.intact !== undefined && entry.install !== undefined && !entry.intact()) installHook(entry, entry.install);
  }
}
