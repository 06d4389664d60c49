import type { QueryScope } from './spyState.js';
import { spyState } from './spyState.js';

// For drivers whose statements are sent after a queue or mutex that cuts the async stack (PGlite): without it the
// call site would show only driver frames. The child scope shares the measurement's records through its prototype.
/**
 * Runs a driver's public method with the caller's stack captured at entry and carried in the async context.
 *
 * @example
 * return runWithCallerStack(() => original.apply(this, args));
 */
export function runWithCallerStack<T>(fn: () => T): T {
  const scope = spyState.als.getStore();
  if (scope === undefined || scope.callerStack !== undefined) return fn();
  const stack: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  Error.captureStackTrace(stack, runWithCallerStack);
  Error.stackTraceLimit = limit;
  const child = Object.create(scope) as QueryScope;
  child.callerStack = stack;
  return spyState.als.run(child, fn);
}
