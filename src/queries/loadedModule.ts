import { createRequire } from 'node:module';
import { join } from 'node:path';

const resolved = new Map<string, string | null>();

// In the CommonJS build this is the module's own require. Under Jest that is the test file's module registry, in
// which the test's drivers live (Node's cache never sees them); elsewhere it shares Node's cache.
const ownRequire: NodeJS.Require | undefined = typeof require === 'function' ? require : undefined;

/**
 * The exports of a CommonJS package if this process has already loaded it as the project resolves it (or, under a
 * runner with its own module registry such as Jest, the registry's instance), without loading it otherwise.
 *
 * @example
 * const pg = loadedModule('pg') as { Client?: Function } | undefined;
 */
export function loadedModule(name: string): unknown {
  const nodeRequire = createRequire(join(process.cwd(), 'noop.js'));
  let filename = resolved.get(name);
  if (filename === undefined) {
    try {
      filename = nodeRequire.resolve(name);
    } catch {
      filename = null;
    }
    resolved.set(name, filename);
  }
  if (filename === null) return undefined;
  const cached: unknown = nodeRequire.cache[filename]?.exports;
  if (cached !== undefined) return cached;
  if (ownRequire !== undefined && ownRequire.cache !== nodeRequire.cache) {
    try {
      return ownRequire(name) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
