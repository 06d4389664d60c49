import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { acquireHook } from './acquireHook.js';

/**
 * Subscribes to a plain `node:diagnostics_channel` channel once per process and returns a release function.
 *
 * @example
 * const release = subscribeChannel('undici:request:create', (message) => record(message));
 */
export function subscribeChannel(name: string, handler: (message: unknown) => void, permanent = false): () => void {
  return acquireHook(
    `channel:${name}`,
    () => {
      const listener = (message: unknown): void => handler(message);
      subscribe(name, listener);
      return () => {
        unsubscribe(name, listener);
      };
    },
    permanent,
  );
}
