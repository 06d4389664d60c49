import { tracingChannel } from 'node:diagnostics_channel';
import { acquireHook } from './acquireHook.js';

/** Handlers of a tracing channel's events; each receives the context object the publisher shares across them. */
interface TracingHandlers {
  start?: (context: Record<string, unknown>) => void;
  asyncEnd?: (context: Record<string, unknown>) => void;
  error?: (context: Record<string, unknown>) => void;
}

/**
 * Subscribes to a `node:diagnostics_channel` tracing channel once per process (whether or not its publisher is
 * loaded yet) and returns a release function.
 *
 * @example
 * const release = subscribeTracing('mysql2:query', { start: (context) => record(context) });
 */
export function subscribeTracing(name: string, handlers: TracingHandlers, permanent = false): () => void {
  return acquireHook(
    `tracing:${name}`,
    () => {
      const channel = tracingChannel(name);
      const subscribers = {
        start: handlers.start ?? noop,
        end: noop,
        asyncStart: noop,
        asyncEnd: handlers.asyncEnd ?? noop,
        error: handlers.error ?? noop,
      } as Parameters<typeof channel.subscribe>[0];
      channel.subscribe(subscribers);
      return () => {
        channel.unsubscribe(subscribers);
      };
    },
    permanent,
  );
}

function noop(): void {}
