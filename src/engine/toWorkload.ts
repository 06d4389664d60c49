import { isSizedWorkload } from './isSizedWorkload.js';
import { isThenable } from './isThenable.js';
import { realTimeout } from './realTimeout.js';
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
      return isThenable(input) ? settledInput(input, n, setupTimeoutMs) : input;
    };
    return { call: (input) => run(input), prepare, label: `n = ${n.toLocaleString('en-US')}` };
  }
  const fn = received;
  return { call: () => fn() };
}

async function settledInput(input: PromiseLike<unknown>, n: number, timeoutMs: number): Promise<unknown> {
  let cancel: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    cancel = realTimeout(() => {
      reject(new Error(`perfspec: the sized workload's setup(${n}) had not settled after ${Math.round(timeoutMs)} ms (maxTimeMs); look for a promise in setup that never settles, or raise maxTimeMs`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([input, deadline]);
  } finally {
    cancel?.();
  }
}
