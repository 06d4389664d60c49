import { isSizedWorkload } from '../engine/workload.js';
import type { SizedWorkload } from '../engine/workload.js';
import { usageError } from './usageError.js';

/**
 * Checks the reference of a comparison (`toBeFasterThan`): a function when `received` is one, a sized workload
 * when `received` is one (both are then measured at the same n). Throws a usage error naming the matcher otherwise.
 *
 * @example
 * const baseline = referenceWorkload('toBeFasterThan', reference, isSizedWorkload(received));
 */
export function referenceWorkload(matcher: string, reference: unknown, receivedIsSized: boolean): (() => unknown) | SizedWorkload<unknown> {
  if (receivedIsSized && !isSizedWorkload(reference)) {
    throw usageError({
      matcher,
      argument: 'reference',
      expectation: 'a sized workload from sized(setup, run) when received is one, so that both run at the same n',
      received: reference,
      hint: 'compare sized(setup, newRun) with sized(setup, oldRun)',
    });
  }
  if (!receivedIsSized && typeof reference !== 'function') {
    throw usageError({
      matcher,
      argument: 'reference',
      expectation: isSizedWorkload(reference)
        ? 'a function when received is a function (make both sized workloads to compare at an input size n)'
        : 'a function (sync or async) to compare with, or a sized workload when received is one',
      received: reference,
      hint: 'wrap the call: toBeFasterThan(() => oldWork()) rather than toBeFasterThan(oldWork())',
    });
  }
  return reference as (() => unknown) | SizedWorkload<unknown>;
}
