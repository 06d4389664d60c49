import { adapters } from './adapters/adapters.js';
import { spyState } from './spyState.js';

/**
 * Zero-config hooking, run before every measurement: hooks each supported driver that the process has loaded by
 * now (and subscribes to the diagnostics channels, which needs no loaded driver). Idempotent and cheap once done.
 *
 * @example
 * await installDrivers();
 */
export async function installDrivers(): Promise<void> {
  if (!spyState.autoInstall) return;
  for (const adapter of adapters) await adapter.install();
}
