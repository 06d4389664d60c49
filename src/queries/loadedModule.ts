import { createRequire } from 'node:module';
import { join } from 'node:path';

const resolved = new Map<string, string | null>();

/**
 * The exports of a CommonJS package if this process has already loaded it (as the user's project resolves it
 * from the working directory), without loading it: zero-config hooks only drivers that are in use.
 *
 * @example
 * const pg = loadedModule('pg') as { Client?: Function } | undefined;
 */
export function loadedModule(name: string): unknown {
  const require = createRequire(join(process.cwd(), 'noop.js'));
  let filename = resolved.get(name);
  if (filename === undefined) {
    try {
      filename = require.resolve(name);
    } catch {
      filename = null;
    }
    resolved.set(name, filename);
  }
  if (filename === null) return undefined;
  return require.cache[filename]?.exports;
}
