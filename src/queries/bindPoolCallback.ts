import { AsyncResource } from 'node:async_hooks';
import { spyState } from './spyState.js';
import { captureCallerStack } from './captureCallerStack.js';

// Callback-based pools (pg-pool, mysql2) queue the callback and run it from whoever releases a connection, so a
// query issued in it would otherwise count for the releasing measurement; and the statement's own stack no longer
// shows the caller, so the requester's stack is lent to it.
/**
 * Binds a connection pool's waiting callback to the async context (and, in a measurement, the stack) of the code
 * that asked for the connection.
 *
 * @example
 * args[0] = bindPoolCallback(args[0]);
 */
export function bindPoolCallback(callback: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const bound = AsyncResource.bind(callback);
  if (spyState.als.getStore() === undefined) return bound;
  const stack = captureCallerStack(bindPoolCallback);
  return function (this: unknown, ...args: unknown[]): unknown {
    const previous = spyState.callerStack;
    spyState.callerStack = stack;
    try {
      return bound.apply(this, args);
    } finally {
      spyState.callerStack = previous;
    }
  };
}
