import { spyState } from './spyState.js';

/**
 * Removes every hook and subscription and lets go of the scope store: run when a Jest test file ends, because
 * `node:diagnostics_channel` and the async-context store belong to the whole process, and a subscription made
 * from a test file's module registry would keep that file (its modules, its globals: ~18 MB each) reachable for
 * the rest of the run. The next measurement installs the hooks again.
 *
 * @example
 * afterAll(releaseQuerySpy);
 */
export function releaseQuerySpy(): void {
  for (const entry of spyState.installed.values()) entry.undo();
  spyState.installed.clear();
  spyState.callerStack = undefined;
  spyState.als.disable();
}
