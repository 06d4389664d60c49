import { usageError } from './usageError.js';

/**
 * Refuses a function whose body a plain call never runs: a generator or async-generator function (calling it
 * only builds an iterator) and a class (calling it throws "Class constructor … cannot be invoked without 'new'").
 * Measuring either would judge nothing, so a matcher would pass code it never ran.
 *
 * @param matcher - the matcher or function named in the error.
 * @param argument - the argument named in the error, e.g. `'received'` or `'run'`.
 * @param fn - the function about to be measured.
 * @example
 * checkCallable('toRunUnder', 'received', received);
 */
export function checkCallable(matcher: string, argument: string, fn: (...args: never[]) => unknown): void {
  const kind = uncallableKind(fn);
  if (kind === undefined) return;
  throw usageError({
    matcher,
    argument,
    expectation: 'a function whose body runs when called (sync or async)',
    received: fn,
    hint:
      kind === 'class'
        ? `this is a class; measure what it does, e.g. expect(() => new ${fn.name || 'Thing'}()) or expect(() => instance.method())`
        : `this is ${kind} function: calling it only creates an iterator and runs none of its body; measure the iteration, e.g. expect(() => [...${fn.name || 'gen'}()])`,
  });
}

function uncallableKind(fn: (...args: never[]) => unknown): 'a generator' | 'an async generator' | 'class' | undefined {
  const tag = Object.prototype.toString.call(fn);
  if (tag === '[object GeneratorFunction]') return 'a generator';
  if (tag === '[object AsyncGeneratorFunction]') return 'an async generator';
  try {
    return /^class\b/.test(Function.prototype.toString.call(fn)) ? 'class' : undefined;
  } catch {
    // A revoked proxy or an exotic callable: no source to read, so it is measured like any function.
    return undefined;
  }
}
