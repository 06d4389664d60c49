import { isSizedWorkload } from './isSizedWorkload.js';
import type { SizedWorkload } from './SizedWorkload.js';
import type { Workload } from './Workload.js';

/**
 * Resolves a function, or a sized workload at input size n, into the engine's `Workload`.
 *
 * @example
 * const workload = toWorkload(sized(n => shuffled(n), a => a.sort()), 1000);
 */
export function toWorkload(received: (() => unknown) | SizedWorkload<unknown>, n?: number): Workload {
  if (isSizedWorkload(received)) {
    if (n === undefined) throw new TypeError('a sized workload needs an input size n');
    const { setup, run } = received;
    return { call: (input) => run(input), prepare: () => setup(n), label: `n = ${n.toLocaleString('en-US')}` };
  }
  const fn = received;
  return { call: () => fn() };
}
