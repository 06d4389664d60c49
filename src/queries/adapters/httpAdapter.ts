import { finishQuery, recordQuery } from '../recordQuery.js';
import type { QueryAdapter } from '../QueryAdapter.js';
import type { RecordedQuery } from '../spyState.js';
import { subscribeChannel } from '../subscribeChannel.js';

const inFlight = new WeakMap<object, RecordedQuery>();

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
  const query = recordQuery('http', 'http', 'request', text, []);
  if (query !== undefined) inFlight.set(request, query);
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
  },
  track() {
    return undefined;
  },
};
