/**
 * Whether a value is a promise or another thenable (query builders often are), which the engine must await.
 *
 * @example
 * isThenable(Promise.resolve(1)); // true
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
