import { executionAsyncId } from 'node:async_hooks';
import { spyState } from './spyState.js';
import type { QueryScope } from './spyState.js';
import { userCallSite } from './userCallSite.js';

/** Driver, ORM and pool frames come first; 40 frames reach the caller's code through the usual layers. */
const capturedFrames = 40;
/** Promises a statement may sit below before its origin is the caller's code (drizzle: about 3). */
const maxOriginSteps = 12;

/**
 * Captures the stack of the code calling into a driver, unformatted (formatted only when a message shows it), for
 * the call site of the statements it issues. When the stack holds no frame of the caller's code — a thenable's
 * `then` (drizzle's query builders) runs from a microtask, after the caller's frames are gone — the stacks of the
 * promises it continued are followed back to the one made in the caller's code and added below it.
 *
 * @param below - the function whose frame and the frames above it are left out (the hook that captures).
 * @example
 * const stack = captureCallerStack(recordQuery);
 */
export function captureCallerStack(below: (...args: never[]) => unknown): { stack?: string } {
  const captured: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = capturedFrames;
  Error.captureStackTrace(captured, below);
  Error.stackTraceLimit = limit;
  const scope = spyState.als.getStore();
  const origins = scope === undefined ? [] : promiseOrigins(scope);
  if (origins.length === 0) return captured;
  // Formatting a stack costs tens of µs: it happens only when a message shows the call site, not per statement.
  let formatted: string | undefined;
  return {
    get stack() {
      return (formatted ??= withPromiseOrigin(captured, origins));
    },
  };
}

// The stacks of the promises the current one continued, nearest first: looked up now, while the measurement's
// origins still exist, and read only if the captured stack turns out to hold no caller frame.
function promiseOrigins(scope: QueryScope): { stack?: string }[] {
  const holders: { stack?: string }[] = [];
  let id = executionAsyncId();
  for (let step = 0; step < maxOriginSteps; step++) {
    const origin = scope.origins?.get(id);
    if (origin === undefined) break;
    holders.push(origin.holder);
    id = origin.triggerAsyncId;
  }
  return holders;
}

function withPromiseOrigin(captured: { stack?: string }, origins: readonly { stack?: string }[]): string {
  const own = captured.stack ?? '';
  if (userCallSite(captured) !== undefined) return own;
  const origin = origins.find((holder) => userCallSite(holder) !== undefined);
  return origin === undefined ? own : `${own}\n${(origin.stack ?? '').split('\n').slice(1).join('\n')}`;
}
