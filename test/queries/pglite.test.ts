import { PGlite } from '@electric-sql/pglite';
import { expect, test } from 'vitest';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { sqlContract } from './contract/sqlContract.js';
import type { Row } from './contract/SqlHarness.js';

const db = new PGlite();

const run = async (sql: string, params?: unknown[]): Promise<Row[]> => (await db.query<Row>(sql, params)).rows;

test('PGlite: sql`` and exec() count once each, and the CommonJS build is hooked too', async () => {
  const log = await measureQueries(async () => {
    await db.sql`SELECT ${1}::int AS one`;
    await db.exec('SELECT 1; SELECT 2');
  });
  expect(log.queries.map((q) => q.shape)).toEqual(['SELECT ?::int AS one', 'SELECT ?; SELECT ?']);
  const { createRequire } = await import('node:module');
  const cjs = createRequire(import.meta.url)('@electric-sql/pglite') as { PGlite: typeof PGlite };
  expect(cjs.PGlite).not.toBe(PGlite);
  const cjsDb = new cjs.PGlite();
  await cjsDb.waitReady;
  expect((await measureQueries(() => cjsDb.query('SELECT 1'))).queries).toHaveLength(1);
  await cjsDb.close();
}, 60_000);

sqlContract({
  name: 'PGlite',
  prefix: 'pglite',
  placeholder: (i) => `$${i}`,
  open: async () => void (await db.waitReady),
  close: async () => db.close(),
  run,
  prepared: (sql) => (params) => run(sql, params),
  transaction: async (body) => {
    await db.transaction(async (tx) => body(async (sql, params) => (await tx.query<Row>(sql, params)).rows));
  },
  pooled: run,
  target: () => db,
  hookedMethods: () => ['execProtocolStream', 'query', 'exec', 'transaction'].map((name) => (db as unknown as Record<string, unknown>)[name]),
});
