import { currentSettings } from './currentSettings.js';
import { explicitSettings } from './explicitSettings.js';

/**
 * How far a heap assertion given no cap may stretch its cap (ms) when this process's gcs are too slow for the
 * least evidence in `maxTimeMs`: a ts-jest worker holds ~250 MB, so five full gcs take 1–2 s there under load.
 * It stays below the 5 s test timeout of Vitest and Jest.
 */
const stretchToMs = 4000;

/**
 * The time cap of a heap assertion: the one its options or `configure({ maxTimeMs })` gave, which is kept to,
 * or else the default, which may stretch up to 4 s when the minimum evidence needs it.
 *
 * @param optionMs - the assertion's own `maxTimeMs` option, in ms, if any.
 * @example
 * const { maxTimeMs, stretchToMs } = heapTimeCap(options.maxTimeMs);
 */
export function heapTimeCap(optionMs: number | undefined): { maxTimeMs: number; stretchToMs?: number } {
  const explicit = optionMs ?? explicitSettings.maxTimeMs;
  if (explicit !== undefined) return { maxTimeMs: explicit };
  return { maxTimeMs: currentSettings().maxTimeMs, stretchToMs };
}
