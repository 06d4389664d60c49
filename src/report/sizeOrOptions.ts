import { check } from './check.js';
import { validateOptions } from './validateOptions.js';

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
