import { isSizedWorkload } from '../engine/workload.js';
import type { SizedWorkload } from '../engine/workload.js';
import { usageError } from './usageError.js';

/**
 * Checks that `received` is a function or a sized workload, and that a sized workload has its input size n
 * (and a plain function none). Throws a usage error naming the matcher otherwise.
 *
 * @example
 * const target = receivedWorkload('toRunUnder', received, options.n);
 */
export function receivedWorkload(matcher: string, received: unknown, n: number | undefined): (() => unknown) | SizedWorkload<unknown> {
  if (isSizedWorkload(received)) {
    if (n === undefined) {
      throw usageError({
        matcher,
        argument: 'n',
        expectation: 'given for a sized workload: the input size to measure at',
        received: n,
        hint: `pass it as the second argument, e.g. ${matcher}(50, 10_000) or ${matcher}(50, { n: 10_000 })`,
      });
    }
    return received;
  }
  if (typeof received !== 'function') {
    throw usageError({
      matcher,
      argument: 'received',
      expectation: 'a function (sync or async) or a sized workload from sized(setup, run)',
      received,
      hint: 'wrap the call: expect(() => work()) rather than expect(work())',
    });
  }
  if (n !== undefined) {
    throw usageError({
      matcher,
      argument: 'n',
      expectation: 'left out for a plain function (n applies to sized workloads only)',
      received: n,
      hint: 'build the workload with sized(n => input(n), input => work(input))',
    });
  }
  return received as () => unknown;
}
