import { finishQuery, recordQuery } from '../recordQuery.js';
import type { QueryAdapter } from './adapters.js';
import type { RecordedQuery } from '../spyState.js';
import { subscribeTracing } from '../subscribeTracing.js';
import { warnIfSilent } from '../warnIfSilent.js';

const inFlight = new WeakMap<object, RecordedQuery>();

// ioredis publishes ioredis:command for every command, pipelined or not; ioredis:batch describes the same
// commands again as one batch and would count them twice.
const handlers = {
  start(context: Record<string, unknown>) {
    const args = Array.isArray(context['args']) ? (context['args'] as unknown[]) : [];
    const text = [String(context['command']).toUpperCase(), ...args.map(String)].join(' ');
    const query = recordQuery('ioredis', 'redis', 'query', text, args);
    if (query !== undefined) inFlight.set(context, query);
  },
  asyncEnd(context: Record<string, unknown>) {
    const result = context['result'];
    finishQuery(inFlight.get(context), Array.isArray(result) ? result.length : result === null || result === undefined ? 0 : 1, context['error'] !== undefined);
  },
  error(context: Record<string, unknown>) {
    finishQuery(inFlight.get(context), undefined, true);
  },
};

/**
 * Counts ioredis commands from its `ioredis:command` tracing channel (ioredis 5.11 and newer publish it).
 *
 * @example
 * ioredisAdapter.install();
 */
export const ioredisAdapter: QueryAdapter = {
  name: 'ioredis',
  install() {
    subscribeTracing('ioredis:command', handlers, true);
    warnIfSilent('ioredis', '/ioredis/built/tracing.js', 'ioredis 5.11.0');
  },
  track(target) {
    const candidate = target as { sendCommand?: unknown; options?: unknown };
    if (typeof candidate.sendCommand !== 'function' || candidate.options === undefined) return undefined;
    return subscribeTracing('ioredis:command', handlers, false);
  },
};
