import pg from 'pg';
import { expect, test } from 'vitest';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { sqlContract } from './contract/sqlContract.js';
import type { Row } from './contract/SqlHarness.js';
import { postgres, postgresUp } from './postgresServer.js';

const config = postgres;
const up = postgresUp;

const client = new pg.Client(config);
const pool = new pg.Pool({ ...config, max: 1 });
const run = async (sql: string, params?: unknown[]): Promise<Row[]> => (await client.query<Row>(sql, params)).rows;

test.skipIf(!up)('pg: a Pool query, a callback query and a checked-out client each count once', async () => {
  const own = new pg.Client(config);
  await own.connect();
  await pool.query('SELECT 1');
  const log = await measureQueries(async () => {
    await pool.query('SELECT $1::int AS one', [1]);
    await new Promise<void>((resolve, reject) => own.query('SELECT 2 AS two', (error) => (error ? reject(error) : resolve())));
    const checkedOut = await pool.connect();
    try {
      await checkedOut.query({ name: 'perfspec_named', text: 'SELECT $1::int AS three', values: [3] });
    } finally {
      checkedOut.release();
    }
  });
  await own.end();
  expect(log.queries.map((q) => [q.text, q.params, q.rows])).toEqual([
    ['SELECT $1::int AS one', [1], 1],
    ['SELECT 2 AS two', [], 1],
    ['SELECT $1::int AS three', [3], 1],
  ]);
}, 30_000);

test.skipIf(!up)('pg: rows of a submittable (pg.Query, as pg-cursor and pg-query-stream are) count as each DataRow arrives', async () => {
  const own = new pg.Client(config);
  await own.connect();
  try {
    const streamed = (): Promise<number> =>
      new Promise((resolve, reject) => {
        let count = 0;
        const query = own.query(new pg.Query('SELECT generate_series(1, 120) AS i'));
        query.on('row', () => count++);
        query.on('end', () => resolve(count));
        query.on('error', reject);
      });
    const log = await measureQueries(streamed);
    expect(log.queries.map((q) => q.returnedRows)).toEqual([120]);
    await expect(streamed).toFetchRowsAtMost(120);
    await expect(streamed).not.toFetchRowsAtMost(119);
  } finally {
    await own.end();
  }
}, 30_000);

sqlContract(
  {
    name: 'pg',
    prefix: 'pgdrv',
    placeholder: (i) => `$${i}`,
    open: async () => void (await client.connect()),
    close: async () => {
      await client.end();
      await pool.end();
    },
    run,
    prepared: (sql) => async (params) => (await client.query<Row>({ name: 'perfspec_by_id', text: sql, values: params })).rows,
    async transaction(body) {
      await client.query('BEGIN');
      try {
        await body(run);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    pooled: async (sql, params) => (await pool.query<Row>(sql, params)).rows,
    target: () => pool,
    hookedMethods: () => [pg.Client.prototype.query, pg.Pool.prototype.connect],
  },
  !up,
);
