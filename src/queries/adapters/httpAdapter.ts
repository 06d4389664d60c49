import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ClientRequest } from 'node:http';
import type { QueryAdapter } from './adapters.js';
import { acquireHook } from '../acquireHook.js';
import { hookMethod } from '../hookMethod.js';
import { finishQuery, recordQuery } from '../recordQuery.js';
import { spyState, type RecordedQuery } from '../spyState.js';
import { captureCallerStack } from '../captureCallerStack.js';

const inFlight = new WeakMap<object, RecordedQuery>();
/** Stacks captured where the caller ended a node:http request: the start channel fires a tick later, without them. */
const endedAt = new WeakMap<object, { stack?: string }>();

/** The fields of undici's request object that the channels carry. */
interface UndiciRequest {
  method?: string;
  origin?: string;
  path?: string;
}

/** The fields of node:http's ClientRequest that the spy reads. */
interface HttpRequest {
  method?: string;
  protocol?: string;
  host?: string;
  path?: string;
  getHeader?(name: string): unknown;
}

function undiciCreate(message: unknown): void {
  const request = (message as { request?: UndiciRequest }).request;
  if (request === undefined) return;
  const query = recordQuery('fetch', 'http', 'request', `${request.method ?? 'GET'} ${request.origin ?? ''}${request.path ?? ''}`, []);
  if (query !== undefined) inFlight.set(request, query);
}

function undiciHeaders(message: unknown): void {
  const { request, response } = message as { request?: object; response?: { statusCode?: number } };
  if (request !== undefined) finishQuery(inFlight.get(request), response?.statusCode, false);
}

function undiciError(message: unknown): void {
  const request = (message as { request?: object }).request;
  if (request !== undefined) finishQuery(inFlight.get(request), undefined, true);
}

function httpStart(message: unknown): void {
  const request = (message as { request?: HttpRequest }).request;
  if (request === undefined) return;
  const host = request.getHeader?.('host') ?? request.host ?? '';
  const text = `${request.method ?? 'GET'} ${request.protocol ?? 'http:'}//${String(host)}${request.path ?? ''}`;
  const previous = spyState.callerStack;
  spyState.callerStack = endedAt.get(request) ?? previous;
  try {
    const query = recordQuery('http', 'http', 'request', text, []);
    if (query !== undefined) inFlight.set(request, query);
  } finally {
    spyState.callerStack = previous;
  }
}

function captureEnd(original: (this: unknown, ...args: unknown[]) => unknown) {
  return function end(this: unknown, ...args: unknown[]): unknown {
    if (spyState.als.getStore() !== undefined && typeof this === 'object' && this !== null && !endedAt.has(this)) {
      const stack = captureCallerStack(end);
      endedAt.set(this, stack);
    }
    return original.apply(this, args);
  };
}

function httpFinish(message: unknown): void {
  const { request, response } = message as { request?: object; response?: { statusCode?: number } };
  if (request !== undefined) finishQuery(inFlight.get(request), response?.statusCode, false);
}

function subscribeAll(permanent: boolean): (() => void)[] {
  return [
    subscribeChannel('undici:request:create', undiciCreate, permanent),
    subscribeChannel('undici:request:headers', undiciHeaders, permanent),
    subscribeChannel('undici:request:error', undiciError, permanent),
    subscribeChannel('http.client.request.start', httpStart, permanent),
    subscribeChannel('http.client.response.finish', httpFinish, permanent),
  ];
}

/**
 * Counts outgoing HTTP requests from the diagnostics channels of undici (global `fetch` and the undici package)
 * and of node:http / node:https clients.
 *
 * @example
 * httpAdapter.install();
 */
export const httpAdapter: QueryAdapter = {
  name: 'http',
  install() {
    subscribeAll(true);
    hookMethod('http', ClientRequest.prototype, 'end', captureEnd, true);
  },
  track() {
    return undefined;
  },
};

/**
 * Subscribes to a plain `node:diagnostics_channel` channel once per process and returns a release function.
 *
 * @example
 * const release = subscribeChannel('undici:request:create', (message) => record(message));
 */
function subscribeChannel(name: string, handler: (message: unknown) => void, permanent = false): () => void {
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
