import { createServer, get } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { lineOf } from '../fixtures/lineOf.js';
import { failureMessage } from '../fixtures/failureMessage.js';

describe('toIssueRequestsAtMost on a local HTTP server', () => {
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/users') response.end(JSON.stringify(Array.from({ length: 20 }, (_, i) => i + 1)));
      else response.end(JSON.stringify({ url: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const getJson = async (path: string): Promise<unknown> => (await fetch(`${origin}${path}`)).json();

  test('fetch per user is flagged as N+1 by path shape; a batch request passes', async () => {
    const nPlusOne = async (): Promise<void> => {
      for (const id of (await getJson('/users')) as number[]) await getJson(`/users/${id}/profile?fields=name`);
    };
    expect((await measureQueries(nPlusOne)).requests).toHaveLength(21);
    const message = await failureMessage(expect(nPlusOne).toIssueRequestsAtMost(3));
    expect(message).toMatch(/Expected: at most 3 requests\nReceived: 21 requests of 2 shapes\n/);
    expect(message).toMatch(new RegExp(`\\n +20  GET ${origin}/users/:id/profile\\?fields=\\? +likely N\\+1: 20 distinct values\\n`));
    expect(message).toContain('use a batch endpoint');
    await expect(async () => getJson('/users?include=profile')).toIssueRequestsAtMost(1);
    await expect(nPlusOne).toIssueQueriesAtMost(0);
    await expect(nPlusOne).not.toIssueRequestsAtMost(20);
  });

  test('a helper called in a loop shows its own line and the loop, for fetch and for node:http', async () => {
    const getHttp = (path: string): Promise<void> => new Promise((resolve) => get(`${origin}${path}`, (response) => response.resume().on('end', resolve)));
    const log = await measureQueries(async () => {
      for (const id of [1, 2]) await getJson(`/users/${id}`); // fetch loop
      for (const id of [1, 2]) await getHttp(`/users/${id}`); // http loop
    });
    const here = (text: string): number => lineOf(import.meta.url, text);
    const file = 'test/queries/http.test.ts';
    expect(log.requests.map((r) => `${r.driver} ${r.callSite?.replace(/:(\d+):\d+/g, ':$1').replace(/ ← (\d+):\d+/g, ' ← $1')}`)).toEqual([
      ...Array(2).fill(`fetch ${file}:${here('const getJson = async')} ← ${here('// fetch loop')} ← ${here('const log = await measureQueries(async () => {')}`),
      ...Array(2).fill(`http ${file}:${here('const getHttp = (path')} ← ${here('// http loop')} ← ${here('const log = await measureQueries(async () => {')}`),
    ]);
  });

  test('node:http requests are counted with their method and path', async () => {
    const log = await measureQueries(
      () =>
        new Promise<void>((resolve, reject) => {
          get(`${origin}/health`, (response) => {
            response.resume();
            response.on('end', resolve);
          }).on('error', reject);
        }),
    );
    expect(log.requests.map((r) => [r.driver, r.text, r.rows])).toEqual([['http', `GET ${origin}/health`, 200]]);
  });

  test('concurrent measurements count 5 and 5', async () => {
    const five = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) await getJson(`/items/${i}`);
    };
    const [a, b] = await Promise.all([measureQueries(five), measureQueries(five)]);
    expect([a.requests.length, b.requests.length]).toEqual([5, 5]);
  });

  test('a failed request is counted, and its error reaches the test', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    let caught: unknown;
    const log = await measureQueries(async () => {
      await fetch(`http://127.0.0.1:${port}/gone`).catch((error: unknown) => {
        caught = error;
      });
    });
    expect(caught).toBeInstanceOf(TypeError);
    expect(log.requests.map((r) => [r.text, r.failed])).toEqual([[`GET http://127.0.0.1:${port}/gone`, true]]);
  });
});
