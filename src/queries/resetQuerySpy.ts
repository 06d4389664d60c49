import { spyState } from './spyState.js';

/**
 * Removes every hook and subscription and sets whether measurements hook drivers again on their own. For
 * perfspec's own tests of `trackQueries`; not exported from the package.
 *
 * @example
 * resetQuerySpy({ autoInstall: false });
 */
export function resetQuerySpy(options: { autoInstall: boolean }): void {
  for (const entry of spyState.installed.values()) entry.undo();
  spyState.installed.clear();
  spyState.autoInstall = options.autoInstall;
}
