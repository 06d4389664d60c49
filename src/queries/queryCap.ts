import { capWithinTest } from '../config/capWithinTest.js';
import { currentSettings } from '../config/currentSettings.js';

/** Long enough for a slow ORM call against a busy database, short enough to fail before CI gives up. */
const defaultQueryCapMs = 10_000;

/**
 * The time cap of one query measurement: the `maxTimeMs` given, or the default (10 s, or `configure({ maxTimeMs })`
 * if larger) kept inside the running test's timeout.
 *
 * @param explicitMs - the `maxTimeMs` option, if given.
 * @example
 * const { capMs } = queryCap(options.maxTimeMs);
 */
export function queryCap(explicitMs: number | undefined): { capMs: number; testTimeoutMs?: number; loweredFromMs?: number } {
  if (explicitMs !== undefined) return { capMs: explicitMs };
  return capWithinTest(Math.max(defaultQueryCapMs, currentSettings().maxTimeMs));
}
