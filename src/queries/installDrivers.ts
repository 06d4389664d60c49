import { adapters } from './adapters/adapters.js';
import { spyState } from './spyState.js';

/**
 * Zero-config hooking, run before every measurement and cheap once done: hooks each supported driver the process
 * has loaded by now, and subscribes to the drivers' diagnostics channels.
 *
 * @example
 * await installDrivers();
 */
export async function installDrivers(): Promise<void> {
  if (!spyState.autoInstall) return;
  for (const adapter of adapters) await adapter.install();
}
