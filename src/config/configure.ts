import type { Statistic } from '../engine/stats/statisticBounds.js';
import type { ClockMode } from '../engine/time/nativeClock.js';
import { check } from '../input/check.js';
import { usageError } from '../input/usageError.js';
import { validateOptions } from '../input/validateOptions.js';

/**
 * Project-wide defaults for every perfspec assertion, set with `configure()`.
 *
 * @example
 * configure({ timeScale: 2, maxTimeMs: 2000 });
 */
export interface Settings {
  /** Multiplies every time budget (e.g. 2 on a CI machine twice as slow as the one budgets were set on). */
  timeScale: number;
  /** Cap on measuring time per assertion in ms (default 1000; 2000 for a `toScaleAtMost` sweep, 10 000 at least for query counts). */
  maxTimeMs: number;
  /** Default statistic of `toRunUnder` (default `'median'`). */
  statistic: Statistic;
  /** Default clock (default `'auto'`). */
  clock: ClockMode;
}

/**
 * The settings given to `configure()` so far (module state shared by `configure` and `currentSettings`).
 *
 * @example
 * explicitSettings.timeScale = 2;
 */
export const explicitSettings: Partial<Settings> = {};

/**
 * The settings in force: what `configure()` set, else `PERFSPEC_TIME_SCALE` from the environment for the time
 * scale, else the defaults. Read afresh by every assertion.
 *
 * @example
 * const { timeScale, maxTimeMs } = currentSettings();
 */
export function currentSettings(): Settings {
  return {
    timeScale: explicitSettings.timeScale ?? timeScaleFromEnvironment(),
    maxTimeMs: explicitSettings.maxTimeMs ?? 1000,
    statistic: explicitSettings.statistic ?? 'median',
    clock: explicitSettings.clock ?? 'auto',
  };
}

function timeScaleFromEnvironment(): number {
  const raw = process.env['PERFSPEC_TIME_SCALE'];
  if (raw === undefined || raw.trim() === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw usageError({ matcher: 'perfspec', argument: 'PERFSPEC_TIME_SCALE', expectation: 'a positive number such as 2', received: raw });
  }
  return value;
}

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
  });
  for (const key of Object.keys(options) as (keyof Settings)[]) {
    if (valid[key] === undefined) delete explicitSettings[key];
  }
  Object.assign(explicitSettings, valid);
  return currentSettings();
}
