import type { Settings } from './Settings.js';

/**
 * The settings given to `configure()` so far (module state shared by `configure` and `currentSettings`).
 *
 * @example
 * explicitSettings.timeScale = 2;
 */
export const explicitSettings: Partial<Settings> = {};
