import { clockModes } from '../engine/time/nativeClock.js';
import { statistics } from '../engine/stats/statisticBounds.js';
import { usageError } from './usageError.js';

/** A validator: returns the value typed, or throws a usage error naming matcher and argument. */
type Check<T> = (matcher: string, argument: string, value: unknown) => T;

function oneOf<T extends string>(allowed: readonly T[]): Check<T> {
  return (matcher, argument, value) => {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    throw usageError({ matcher, argument, expectation: `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, received: value });
  };
}

/**
 * The argument validators shared by every matcher; each throws a usage error naming matcher and argument.
 *
 * @example
 * const budgetMs = check.positiveNumber('toRunUnder', 'budgetMs', received);
 */
export const check = {
  positiveNumber: ((matcher, argument, value) => {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    throw usageError({ matcher, argument, expectation: 'a positive finite number', received: value });
  }) as Check<number>,
  positiveInteger: ((matcher, argument, value) => {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
    throw usageError({ matcher, argument, expectation: 'a positive integer', received: value });
  }) as Check<number>,
  statistic: oneOf(statistics),
  clockMode: oneOf(clockModes),
  oneOf,
};
