import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let cached: ((options?: { type: 'major' | 'minor' }) => void) | undefined;

/**
 * Returns a function that runs a synchronous garbage collection (full by default, `{ type: 'minor' }` for the
 * young generation only), without the `--expose-gc` command-line flag: the flag is set at run time and `gc` is
 * taken from a fresh context, which is created with it. Throws an Error explaining why when no gc can be had.
 *
 * @example
 * const gc = obtainGc();
 * gc();
 * gc({ type: 'minor' });
 */
export function obtainGc(): (options?: { type: 'major' | 'minor' }) => void {
  if (cached !== undefined) return cached;
  const existing = (globalThis as { gc?: unknown }).gc;
  let found: unknown = typeof existing === 'function' ? existing : undefined;
  if (found === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      found = runInNewContext('typeof gc === "function" ? gc : undefined');
    } catch (error) {
      throw new Error(`perfspec: could not obtain the garbage collector (${String(error)}); run node with --expose-gc`, { cause: error });
    }
  }
  if (typeof found !== 'function') {
    throw new Error('perfspec: could not obtain the garbage collector, so allocation cannot be measured; run node with --expose-gc');
  }
  const gc = found as (options?: { type: 'major' | 'minor' }) => void;
  cached = (options) => (options === undefined ? gc() : gc(options));
  return cached;
}
