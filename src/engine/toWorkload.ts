import { isSizedWorkload } from './isSizedWorkload.js';
import { isThenable } from './isThenable.js';
import { settleWithin } from './settleWithin.js';
import type { SizedWorkload } from './SizedWorkload.js';
import type { Workload } from './Workload.js';

/**
 * Resolves a function, or a sized workload at input size n, into the engine's `Workload`. An async `setup` that
 * has not settled after `setupTimeoutMs` (real time) rejects with an error naming it, so that a setup that never
 * settles fails the assertion instead of hanging it.
 *
 * @param received - a zero-argument function or a sized workload.
 * @param n - the input size of a sized workload.
 * @param setupTimeoutMs - how long one `setup(n)` may take to settle, in ms (the matchers pass their time cap).
 * @example
 * const workload = toWorkload(sized(n => shuffled(n), a => a.sort()), 1000, 2000);
 */
export function toWorkload(received: (() => unknown) | SizedWorkload<unknown>, n?: number, setupTimeoutMs = 10_000): Workload {
  if (isSizedWorkload(received)) {
    if (n === undefined) throw new TypeError('a sized workload needs an input size n');
    const { setup, run } = received;
    const prepare = (): unknown => {
      const input = setup(n);
      return isThenable(input) ? settleWithin(input, setupTimeoutMs, `the sized workload's setup(${n})`) : input;
    };
    return { call: (input) => run(input), prepare, label: `n = ${n.toLocaleString('en-US')}` };
  }
  const fn = received;
  return { call: () => fn() };
}

