import { describeValue } from './describeValue.js';
import { usageError } from './usageError.js';

type Validators = Record<string, (matcher: string, argument: string, value: unknown) => unknown>;

/**
 * Validates an options object against one validator per key: rejects non-objects and unknown keys (listing the
 * known ones), skips keys set to undefined, and returns the validated values.
 *
 * @example
 * const { maxTimeMs } = validateOptions('toRunUnder', 'options', options, { maxTimeMs: check.positiveNumber });
 */
export function validateOptions<V extends Validators>(matcher: string, argument: string, value: unknown, validators: V): { [K in keyof V]?: ReturnType<V[K]> } {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usageError({ matcher, argument, expectation: 'an options object', received: value });
  }
  const result: { [K in keyof V]?: ReturnType<V[K]> } = {};
  for (const [key, field] of Object.entries(value)) {
    const validate = validators[key];
    if (validate === undefined) {
      throw usageError({
        matcher,
        argument,
        expectation: `an options object with keys among ${Object.keys(validators).join(', ')}`,
        received: value,
        hint: `unknown option ${JSON.stringify(key)} (${describeValue(field)})`,
      });
    }
    if (field === undefined) continue;
    result[key as keyof V] = validate(matcher, `${argument}.${key}`, field) as ReturnType<V[keyof V]>;
  }
  return result;
}
