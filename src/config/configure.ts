import { check } from '../report/check.js';
import { validateOptions } from '../report/validateOptions.js';
import { currentSettings } from './currentSettings.js';
import { explicitSettings } from './explicitSettings.js';
import { inconclusivePolicies, type InconclusivePolicy } from './InconclusivePolicy.js';
import type { Settings } from './Settings.js';

/**
 * Sets project-wide defaults for perfspec assertions (merged into earlier calls; a key set to `undefined` goes
 * back to its default). Returns the settings now in force. Call it from a setup file.
 *
 * @example
 * configure({ timeScale: process.env.CI ? 2 : 1, maxTimeMs: 2000 });
 * await expect(() => parse(doc)).toRunUnder(5); // budget 10 ms on CI
 */
export function configure(options: { [K in keyof Settings]?: Settings[K] | undefined }): Settings {
  const valid = validateOptions('configure', 'options', options, {
    timeScale: check.positiveNumber,
    maxTimeMs: check.positiveNumber,
    statistic: check.statistic,
    clock: check.clockMode,
    inconclusive: check.oneOf<InconclusivePolicy>(inconclusivePolicies),
  });
  for (const key of Object.keys(options) as (keyof Settings)[]) {
    if (valid[key] === undefined) delete explicitSettings[key];
  }
  Object.assign(explicitSettings, valid);
  return currentSettings();
}
