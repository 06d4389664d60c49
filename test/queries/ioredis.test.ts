import { Redis } from 'ioredis';
import { tracingChannel } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { resetQuerySpy } from '../../src/queries/resetQuerySpy.js';
import { trackQueries } from '../../src/queries/trackQueries.js';
import { failureMessage } from '../fixtures/failureMessage.js';
import { serverReachable } from './serverReachable.js';

const host = process.env['REDIS_HOST'] ?? '127.0.0.1';
const port = Number(process.env['REDIS_PORT'] ?? 6379);
const up = await serverReachable('Redis', host, port, 'Start it, or point REDIS_HOST/REDIS_PORT at one; with CI set these tests always run.');
const prefix = 'perfspec:ioredistest';

describe.skipIf(!up)('query contract: ioredis', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis({ host, port, lazyConnect: true });
    await redis.connect();
    const pipeline = redis.pipeline();
    for (let id = 1; id <= 50; id++) {
      pipeline.sadd(`${prefix}:users`, String(id));
      pipeline.set(`${prefix}:user:${id}`, JSON.stringify({ id, team: (id % 10) + 1 }));
    }
    await pipeline.exec();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const ids = async (): Promise<string[]> => (await redis.smembers(`${prefix}:users`)).sort((a, b) => Number(a) - Number(b));

  test('one GET per user is 51 commands flagged as N+1; MGET is 2', async () => {
    const nPlusOne = async (): Promise<void> => {
      for (const id of await ids()) await redis.get(`${prefix}:user:${id}`);
    };
    expect((await measureQueries(nPlusOne)).queries).toHaveLength(51);
    const message = await failureMessage(expect(nPlusOne).toIssueQueriesAtMost(2));
    expect(message).toMatch(new RegExp(`Received: 51 queries of 2 shapes\\n[^]*\\n +50  GET ${prefix}:user::id +likely N\\+1: 50 distinct values\\n`));
    await expect(async () => redis.mget(...(await ids()).map((id) => `${prefix}:user:${id}`))).toIssueQueriesAtMost(2);
  });

  test('a pipeline counts every command in it (one round trip, 50 commands)', async () => {
    const log = await measureQueries(async () => {
      const pipeline = redis.pipeline();
      for (let id = 1; id <= 50; id++) pipeline.get(`${prefix}:user:${id}`);
      await pipeline.exec();
    });
    expect(log.queries).toHaveLength(50);
  });

  test('MULTI and EXEC are transaction control', async () => {
    const body = (): Promise<unknown> => redis.multi().set(`${prefix}:tx`, '1').get(`${prefix}:tx`).exec();
    const log = await measureQueries(body);
    expect(log.queries.map((q) => q.shape)).toEqual([`SET ${prefix}:tx ?`, `GET ${prefix}:tx`]);
    expect(log.excluded.map((q) => q.text)).toEqual(['MULTI', 'EXEC']);
    expect((await measureQueries(body, { transactionControl: true })).queries).toHaveLength(4);
  });

  test('a failing command is counted, and its error reaches the test unchanged', async () => {
    let original: unknown;
    const failing = async (): Promise<void> => {
      try {
        await redis.hget(`${prefix}:user:1`, 'field');
      } catch (error) {
        original = error;
        throw error;
      }
    };
    const thrown = await expect(failing).toIssueQueriesAtMost(5).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(original).toBeInstanceOf(Error);
    expect(thrown).toBe(original);
    const log = await measureQueries(() => failing().catch(() => undefined));
    expect(log.queries.map((q) => q.failed)).toEqual([true]);
  });

  test('concurrent measurements on one connection count 10 and 10', async () => {
    const ten = async (): Promise<void> => {
      for (let id = 1; id <= 10; id++) await redis.get(`${prefix}:user:${id}`);
    };
    const [a, b] = await Promise.all([measureQueries(ten), measureQueries(ten)]);
    expect([a.queries.length, b.queries.length]).toEqual([10, 10]);
  });

  test('trackQueries subscribes without zero-config, and its undo unsubscribes', async () => {
    const subscribed = (): boolean => tracingChannel('ioredis:command').start.hasSubscribers;
    resetQuerySpy({ autoInstall: false });
    try {
      expect(subscribed()).toBe(false);
      expect((await measureQueries(() => redis.ping())).queries).toHaveLength(0);
      const untrack = trackQueries(redis);
      expect((await measureQueries(() => redis.ping())).queries).toHaveLength(1);
      untrack();
      expect(subscribed()).toBe(false);
      expect((await measureQueries(() => redis.ping())).queries).toHaveLength(0);
    } finally {
      resetQuerySpy({ autoInstall: true });
    }
  });
});
