import { usageError } from '../report/usageError.js';
import { explicitSettings } from './explicitSettings.js';
import { inconclusivePolicies, type InconclusivePolicy } from './InconclusivePolicy.js';
import type { Settings } from './Settings.js';

/**
 * The settings in force: what `configure()` set, else `PERFSPEC_TIME_SCALE` and `PERFSPEC_INCONCLUSIVE` from the
 * environment for the time scale and the inconclusive policy, else the defaults. Read afresh by every assertion.
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
    inconclusive: explicitSettings.inconclusive ?? inconclusiveFromEnvironment(),
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

function inconclusiveFromEnvironment(): InconclusivePolicy {
  const raw = process.env['PERFSPEC_INCONCLUSIVE'];
  if (raw === undefined || raw.trim() === '') return 'warn';
  const value = raw.trim();
  if ((inconclusivePolicies as readonly string[]).includes(value)) return value as InconclusivePolicy;
  throw usageError({ matcher: 'perfspec', argument: 'PERFSPEC_INCONCLUSIVE', expectation: `one of ${inconclusivePolicies.join(', ')}`, received: raw });
}
