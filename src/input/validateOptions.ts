import { check } from './check.js';
import { describeValue, usageError } from './usageError.js';

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

/**
 * Reads a matcher's last argument, which is either the input size n of a sized workload (a number) or an options
 * object that may hold `n` among the matcher's own options; throws a usage error naming matcher and option.
 *
 * @example
 * const { n, maxTimeMs } = sizeOrOptions('toRunUnder', nOrOptions, { maxTimeMs: check.positiveNumber });
 */
export function sizeOrOptions<V extends Record<string, (matcher: string, argument: string, value: unknown) => unknown>>(
  matcher: string,
  nOrOptions: unknown,
  validators: V,
): { [K in keyof V]?: ReturnType<V[K]> } & { n?: number } {
  type Options = { [K in keyof V]?: ReturnType<V[K]> } & { n?: number };
  if (typeof nOrOptions === 'number') return { n: check.positiveInteger(matcher, 'n', nOrOptions) } as Options;
  // The spread's n validator always returns a number; TypeScript cannot see past the intersection with V.
  return validateOptions(matcher, 'options', nOrOptions, { n: check.positiveInteger, ...validators }) as Options;
}
