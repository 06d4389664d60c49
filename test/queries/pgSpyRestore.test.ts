import pg from 'pg';
import { afterAll, expect, test, vi } from 'vitest';
import { toIssueQueriesAtMost } from '../../src/matchers/toIssueQueriesAtMost.js';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { postgres, postgresUp } from './postgresServer.js';

// Its own file: the order of spy and hook on pg.Client.prototype matters, and pg loads once per worker.
const pool = new pg.Pool({ ...postgres, max: 1 });
afterAll(() => pool.end());
const nPlusOne = async (): Promise<void> => {
  for (let id = 1; id <= 5; id++) await pool.query('SELECT $1::int AS id', [id]);
};

test.skipIf(!postgresUp)('a spy made before perfspec hooked pg, then restored, does not leave pg uncounted', async () => {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  expect((await measureQueries(nPlusOne)).queries).toHaveLength(5);
  expect(spy).toHaveBeenCalled();
  // mockRestore puts back the method the spy replaced: pg's own, without perfspec's hook.
  spy.mockRestore();
  expect((await measureQueries(nPlusOne)).queries).toHaveLength(5);
  const result = await toIssueQueriesAtMost.call(undefined, nPlusOne, 1);
  expect(result.pass).toBe(false);
}, 30_000);

test.skipIf(!postgresUp)('a spy made over perfspec\'s hook, and perfspec hooking over that spy, still count each statement once', async () => {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  try {
    expect((await measureQueries(nPlusOne)).queries).toHaveLength(5);
  } finally {
    spy.mockRestore();
  }
  expect((await measureQueries(nPlusOne)).queries).toHaveLength(5);
}, 30_000);
