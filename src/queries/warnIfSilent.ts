import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadedModule } from './loadedModule.js';

const checked = new Set<string>();

/**
 * Warns once per process when a driver counted from its diagnostics channels is loaded in a version that does not
 * publish them (its tracing module never loaded): its statements would silently count as zero.
 *
 * @example
 * warnIfSilent('mysql2', '/mysql2/lib/tracing.js', 'mysql2 3.20.0');
 */
export function warnIfSilent(name: string, tracingFile: string, firstVersion: string): void {
  if (checked.has(name) || loadedModule(name) === undefined) return;
  checked.add(name);
  const cache = createRequire(join(process.cwd(), 'noop.js')).cache;
  if (Object.keys(cache).some((file) => file.replaceAll('\\', '/').endsWith(tracingFile))) return;
  process.emitWarning(
    `${name} is loaded, but this version publishes no diagnostics_channel events, so perfspec cannot count its statements (they would count as zero). Upgrade to ${firstVersion} or newer.`,
    { code: 'PERFSPEC_QUERIES_UNCOUNTED' },
  );
}
