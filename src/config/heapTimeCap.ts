import { defaultStretchToMs } from '../engine/defaultStretchToMs.js';
import { currentSettings } from './currentSettings.js';
import { explicitSettings } from './explicitSettings.js';

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
  return { maxTimeMs: currentSettings().maxTimeMs, stretchToMs: defaultStretchToMs };
}
