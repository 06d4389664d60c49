import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The test runner perfspec was registered with, set by the runner entry (`perfspec/vitest`, `perfspec/jest`);
 * `name` stays `'none'` when the matchers are used directly.
 *
 * @example
 * runnerInfo.name; // 'vitest'
 */
export const runnerInfo: { name: string; version: string } = { name: 'none', version: '' };

/**
 * Records which runner registered the matchers, reading its version from the project's installed package (the
 * runner's own package.json, resolved from the working directory); an unresolvable version is left empty.
 *
 * @example
 * registerRunner('vitest');
 */
export function registerRunner(name: 'vitest' | 'jest'): void {
  runnerInfo.name = name;
  try {
    const require = createRequire(join(process.cwd(), 'package.json'));
    const manifest = require(require.resolve(`${name}/package.json`)) as { version?: unknown };
    runnerInfo.version = typeof manifest.version === 'string' ? manifest.version : '';
  } catch {
    runnerInfo.version = '';
  }
}
