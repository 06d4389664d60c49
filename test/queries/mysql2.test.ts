import mysql from 'mysql2';
import mysqlPromise from 'mysql2/promise';
import { tracingChannel } from 'node:diagnostics_channel';
import { expect, test } from 'vitest';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { resetQuerySpy } from '../../src/queries/resetQuerySpy.js';
import { trackQueries } from '../../src/queries/trackQueries.js';
import { sqlContract } from './contract/sqlContract.js';
import type { Row } from './contract/SqlHarness.js';
import { serverReachable } from './serverReachable.js';

const config = {
  host: process.env['MYSQL_HOST'] ?? '127.0.0.1',
  port: Number(process.env['MYSQL_PORT'] ?? 3306),
  user: process.env['MYSQL_USER'] ?? 'root',
  database: process.env['MYSQL_DATABASE'] ?? 'test',
};
const up = await serverReachable('MariaDB/MySQL', config.host, config.port, 'Start it, or point MYSQL_HOST/MYSQL_PORT/MYSQL_USER/MYSQL_DATABASE at one; with CI set these tests always run.');

let connection: mysqlPromise.Connection | undefined;
const pool = mysql.createPool({ ...config, connectionLimit: 1 });
const conn = (): mysqlPromise.Connection => {
  if (connection === undefined) throw new Error('not connected');
  return connection;
};
const run = async (sql: string, params?: unknown[]): Promise<Row[]> => {
  const [rows] = await conn().query(sql, params);
  return Array.isArray(rows) ? (rows as Row[]) : [];
};

test.skipIf(!up)("mysql2: rows read with .stream() are not reported, so toFetchRowsAtMost gives no verdict rather than a guess", async () => {
  const streamed = (): Promise<number> =>
    new Promise((resolve, reject) => {
      let count = 0;
      pool
        .query('SELECT 1 AS one UNION ALL SELECT 2')
        .stream()
        .on('data', () => count++)
        .on('end', () => resolve(count))
        .on('error', reject);
    });
  const log = await measureQueries(streamed);
  expect(log.queries.map((q) => q.returnedRows)).toEqual([undefined]);
  for (const assertion of [expect(streamed).toFetchRowsAtMost(10), expect(streamed).not.toFetchRowsAtMost(10)]) {
    await expect(assertion).rejects.toThrow(/^toFetchRowsAtMost: 1 statement\(s\) returned rows the driver did not report, so whether the call stayed within 10 is unknown\n/);
  }
  await expect(streamed).toFetchRowsAtMost(0, { ignore: /UNION/ });
}, 30_000);

test.skipIf(!up)('mysql2: callback API and pool.execute each count once; trackQueries follows a promise pool to its core pool', async () => {
  const log = await measureQueries(async () => {
    await new Promise<void>((resolve, reject) => pool.query('SELECT 1 AS one', (error) => (error ? reject(error) : resolve())));
    await pool.promise().execute('SELECT ? AS two', [2]);
  });
  expect(log.queries.map((q) => [q.text, q.params, q.rows])).toEqual([
    ['SELECT 1 AS one', [], 1],
    ['SELECT ? AS two', [2], 1],
  ]);
  resetQuerySpy({ autoInstall: false });
  try {
    const untrack = trackQueries(pool.promise());
    expect((await measureQueries(() => pool.promise().query('SELECT 3'))).queries).toHaveLength(1);
    untrack();
    expect((await measureQueries(() => pool.promise().query('SELECT 3'))).queries).toHaveLength(0);
  } finally {
    resetQuerySpy({ autoInstall: true });
  }
}, 30_000);

const channels = (): boolean[] => ['mysql2:query', 'mysql2:execute'].map((name) => tracingChannel(name).start.hasSubscribers);

sqlContract(
  {
    name: 'mysql2',
    prefix: 'mydrv',
    placeholder: () => '?',
    open: async () => {
      connection = await mysqlPromise.createConnection(config);
    },
    close: async () => {
      await conn().end();
      await new Promise((resolve) => pool.end(resolve));
    },
    run,
    prepared: (sql) => async (params) => {
      const [rows] = await conn().execute(sql, params as never[]);
      return rows as Row[];
    },
    async transaction(body) {
      await conn().beginTransaction();
      try {
        await body(run);
        await conn().commit();
      } catch (error) {
        await conn().rollback();
        throw error;
      }
    },
    pooled: async (sql, params) => {
      const [rows] = await pool.promise().query(sql, params);
      return rows as Row[];
    },
    target: () => pool,
    hookedMethods: () => [(Object.getPrototypeOf((mysql as unknown as { Pool: { prototype: object } }).Pool.prototype) as { getConnection: unknown }).getConnection, ...channels()],
  },
  !up,
);
