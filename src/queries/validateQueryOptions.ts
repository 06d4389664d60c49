import { check } from '../report/check.js';
import { usageError } from '../report/usageError.js';
import { validateOptions } from '../report/validateOptions.js';
import type { MeasureQueriesOptions } from './MeasureQueriesOptions.js';

function boolean(matcher: string, argument: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw usageError({ matcher, argument, expectation: 'true or false', received: value });
}

function ignore(matcher: string, argument: string, value: unknown): NonNullable<MeasureQueriesOptions['ignore']> {
  if (value instanceof RegExp || typeof value === 'function') return value as NonNullable<MeasureQueriesOptions['ignore']>;
  throw usageError({ matcher, argument, expectation: 'a RegExp (tested against the statement) or a function (event) => boolean', received: value });
}

/**
 * Validates the options of `measureQueries` and of the query-counting matchers (which also take `n`), throwing a
 * usage error that names the function and the option.
 *
 * @example
 * const options = validateQueryOptions('toIssueQueriesAtMost', received, true);
 */
export function validateQueryOptions(matcher: string, value: unknown, withN: boolean): MeasureQueriesOptions & { n?: number } {
  const validators = { transactionControl: boolean, ignore, maxTimeMs: check.positiveNumber };
  const options = withN ? validateOptions(matcher, 'options', value, { ...validators, n: check.positiveInteger }) : validateOptions(matcher, 'options', value, validators);
  return options as MeasureQueriesOptions & { n?: number };
}
