import { spyState } from './spyState.js';

/**
 * Removes every hook and subscription and sets whether measurements hook drivers on their own (for perfspec's own
 * tests and benchmark; not exported from the package).
 *
 * @example
 * resetQuerySpy({ autoInstall: false });
 */
export function resetQuerySpy(options: { autoInstall: boolean }): void {
  for (const entry of spyState.installed.values()) entry.undo();
  spyState.installed.clear();
  spyState.autoInstall = options.autoInstall;
}
