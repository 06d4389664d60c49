import { currentSettings } from '../config/configure.js';
import { assertionSession } from './assertionSession.js';

/**
 * The one line shown when a test file ends (an `afterAll` of the runner entry) if some of its perfspec assertions
 * were inconclusive: how many, under which policy, and how to change it. Undefined when none were.
 *
 * @example
 * afterAll(() => { const line = inconclusiveSummary(); if (line) console.warn(line); });
 */
export function inconclusiveSummary(): string | undefined {
  const count = assertionSession.inconclusive.length;
  if (count === 0) return undefined;
  const policy = currentSettings().inconclusive;
  const what = policy === 'pass' ? 'each held' : 'each decided by its point estimate';
  return (
    `[perfspec] ${count} of ${assertionSession.assertions} perfspec ${assertionSession.assertions === 1 ? 'assertion' : 'assertions'} in this file ` +
    `${count === 1 ? 'was' : 'were'} inconclusive (policy '${policy}', ${what}); the marked tests say why. ` +
    `configure({ inconclusive: 'fail' }) or PERFSPEC_INCONCLUSIVE=fail makes them fail`
  );
}
