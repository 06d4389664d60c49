import Database from 'better-sqlite3';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, test } from 'vitest';
import { capWithinTest } from '../../src/config/effectiveOptions.js';
import { runnerTimeout } from '../../src/config/runnerTimeout.js';
import { obtainGc } from '../../src/engine/heap/nativeHeapProbe.js';
import { toIssueQueriesAtMost } from '../../src/matchers/toIssueQueriesAtMost.js';
import { toIssueRequestsAtMost } from '../../src/matchers/toIssueRequestsAtMost.js';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { toQueryEvent } from '../../src/queries/toQueryEvent.js';
import { displayedText } from '../../src/report/toIssueQueriesAtMost.js';

const db = new Database(':memory:');
db.exec('CREATE TABLE h_items (id INTEGER PRIMARY KEY, note TEXT)');
afterAll(() => db.close());

describe('query and request spy hardening', () => {
  test('ignore with a global RegExp leaves out every match, not every other one (lastIndex)', async () => {
    const health = db.prepare('SELECT 1 AS health');
    const ignore = /health/g;
    const log = await measureQueries(() => {
      for (let i = 0; i < 6; i++) health.get();
    }, { ignore });
    expect(log.queries).toHaveLength(0);
    expect(log.excluded).toHaveLength(6);
    expect(ignore.lastIndex).toBe(0);
  });

  test('a failure message shows no query-string value, no URL credentials, and no literal longer than 40 characters', async () => {
    let server: Server | undefined;
    try {
      server = createServer((_request, response) => response.end('ok'));
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const secret = 'sk_live_0123456789abcdefghijklmnopqrstuvwxyzSECRET';
      const fetchTwice = (): Promise<void> =>
        new Promise<void>((resolve, reject) => get(`http://user:hunter2@127.0.0.1:${port}/items?access_token=${secret}&page=2`, { agent: false }, (response) => response.resume().on('end', resolve)).on('error', reject)).then(
          () => new Promise<void>((resolve, reject) => get(`http://127.0.0.1:${port}/items?access_token=${secret}`, { agent: false }, (response) => response.resume().on('end', resolve)).on('error', reject)),
        );
      const requests = await toIssueRequestsAtMost.call(undefined, fetchTwice, 1);
      expect(requests.pass).toBe(false);
      const requestMessage = requests.message();
      expect(requestMessage).toContain('/items?access_token=[redacted]');
      expect(requestMessage).not.toContain('sk_live');
      expect(requestMessage).not.toContain('hunter2');

      const longValue = `${secret}${'x'.repeat(60)}`;
      const queries = await toIssueQueriesAtMost.call(undefined, () => db.exec(`INSERT INTO h_items (note) VALUES ('${longValue}')`), 0);
      const queryMessage = queries.message();
      expect(queryMessage).toContain(`'${longValue.slice(0, 40)}…' (${longValue.length} chars)`);
      expect(queryMessage).not.toContain(longValue.slice(0, 41));
    } finally {
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    }
  });

  test('displayedText: requests, SQL with dollar quotes, Redis arguments', () => {
    expect(displayedText({ system: 'http', text: 'GET https://a:b@api.example.com/v1/users/42?key=abc&q=x#frag' })).toBe('GET https://redacted@api.example.com/v1/users/42?key=[redacted]&q=[redacted]');
    expect(displayedText({ system: 'http', text: 'GET /relative?token=abc' })).toBe('GET /relative?[redacted]');
    expect(displayedText({ system: 'postgresql', text: `SELECT $$${'y'.repeat(50)}$$, 'short'` })).toBe(`SELECT $$${'y'.repeat(40)}…$$ (50 chars), 'short'`);
    expect(displayedText({ system: 'redis', text: `SET session:1 ${'z'.repeat(45)}` })).toBe(`SET session:1 ${'z'.repeat(40)}…(45 chars)`);
  });

  test('the shape cache keeps no statement text of megabytes (bounded by bytes, not entries)', () => {
    const gc = obtainGc();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) {
      // Each text distinct and 1 MB: 40 MB if the cache kept them as keys.
      const text = `INSERT INTO t VALUES ('${String(i).padStart(6, '0')}${'v'.repeat(1 << 20)}')`;
      toQueryEvent({ kind: 'query', system: 'sqlite', driver: 'better-sqlite3', text, params: [], startMs: 0, stack: undefined, durationMs: undefined, rows: undefined, returnedRows: undefined, failed: false });
    }
    gc();
    const keptBytes = process.memoryUsage().heapUsed - before;
    expect(keptBytes).toBeLessThan(10 * (1 << 20));
  });
});

describe('default caps stay inside the running test\'s timeout', () => {
  const saved = runnerTimeout.read;
  afterAll(() => {
    if (saved === undefined) delete runnerTimeout.read;
    else runnerTimeout.read = saved;
  });
  test('a default longer than 80% of the test timeout is lowered, and says so; a shorter one stays', () => {
    runnerTimeout.read = () => 5000;
    expect(capWithinTest(10_000)).toEqual({ capMs: 4000, testTimeoutMs: 5000, loweredFromMs: 10_000 });
    expect(capWithinTest(2000)).toEqual({ capMs: 2000 });
    runnerTimeout.read = () => 0;
    expect(capWithinTest(10_000)).toEqual({ capMs: 10_000 });
    runnerTimeout.read = () => {
      throw new Error('runner internals moved');
    };
    expect(capWithinTest(10_000)).toEqual({ capMs: 10_000 });
  });

  test('a query matcher whose call never settles fails with its own message inside the test timeout, naming what to raise', async () => {
    runnerTimeout.read = () => 250;
    const started = performance.now();
    await expect(toIssueQueriesAtMost.call(undefined, () => new Promise(() => undefined), 1)).rejects.toThrow(
      /^toIssueQueriesAtMost: the call had not settled after \d+ ms \(maxTimeMs 200\) and was abandoned; the default cap was lowered to 200 ms to stay inside the test's 250 ms timeout; raise the test's timeout/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('the Vitest entry reads the running test\'s timeout', () => {
  test('from the test\'s own third argument', () => {
    expect(runnerTimeout.read?.()).toBe(4321);
  }, 4321);
});
