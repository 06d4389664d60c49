import pg from 'pg';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { trackQueries } from '../../src/queries/trackQueries.js';
import { postgres, postgresUp } from './postgresServer.js';

// Prisma 7 with a driver adapter: the statements go through `pg`, so zero-config counts them once, at the driver.
const config = postgres;
const up = postgresUp;
const here = import.meta.dirname;

interface Team {
  id: number;
  name: string;
}
interface User extends Team {
  teamId: number;
}
interface PrismaLike {
  user: { findMany(args?: object): Promise<User[]> };
  team: { findUnique(args: object): Promise<Team | null>; findMany(args?: object): Promise<Team[]> };
  $transaction<T>(work: (tx: PrismaLike) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
}

let pool: pg.Pool;
let prisma: PrismaLike;

beforeAll(async () => {
  if (!up) return;
  // `prisma generate` runs no schema engine, but the CLI insists on having one and would download it from outside
  // the npm registry; any existing file named by PRISMA_SCHEMA_ENGINE_BINARY satisfies that check.
  const engine = join(tmpdir(), 'perfspec-no-schema-engine');
  writeFileSync(engine, '');
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  execFileSync(process.execPath, [cli, 'generate', '--config', 'prisma.config.mjs'], {
    cwd: join(here, 'prisma'),
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine, CHECKPOINT_DISABLE: '1' },
    stdio: 'pipe',
  });
  pool = new pg.Pool({ ...config, max: 2 });
  await pool.query('DROP SCHEMA IF EXISTS perfspec_prisma CASCADE');
  await pool.query('CREATE SCHEMA perfspec_prisma');
  await pool.query('CREATE TABLE perfspec_prisma."Team" (id int PRIMARY KEY, name text NOT NULL)');
  await pool.query('CREATE TABLE perfspec_prisma."User" (id int PRIMARY KEY, name text NOT NULL, "teamId" int NOT NULL)');
  await pool.query(`INSERT INTO perfspec_prisma."Team" SELECT i, 'team ' || i FROM generate_series(1, 5) i`);
  await pool.query(`INSERT INTO perfspec_prisma."User" SELECT i, 'user ' || i, 1 + i % 5 FROM generate_series(1, 20) i`);
  const { PrismaClient } = createRequire(import.meta.url)(join(here, 'prisma/generated/index.js')) as { PrismaClient: new (options: object) => PrismaLike };
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  await prisma.user.findMany(); // connection setup happens outside the measurements
}, 60_000);

afterAll(async () => {
  if (!up) return;
  await prisma.$disconnect();
  await pool.query('DROP SCHEMA perfspec_prisma CASCADE');
  await pool.end();
});

// Awaited one by one: Prisma batches findUnique calls made in the same tick into one statement (its dataloader),
// so `Promise.all(users.map(findUnique))` is 2 statements, not an N+1.
const nPlusOne = async (): Promise<unknown[]> => {
  const users = await prisma.user.findMany({ orderBy: { id: 'asc' } });
  const teams = [];
  for (const u of users) teams.push(await prisma.team.findUnique({ where: { id: u.teamId } }));
  return teams;
};
const batched = async (): Promise<unknown[]> => {
  const users = await prisma.user.findMany({ orderBy: { id: 'asc' } });
  return Promise.all(users.map((u) => prisma.team.findUnique({ where: { id: u.teamId } })));
};
const twoQueries = async (): Promise<unknown[]> => {
  const users = await prisma.user.findMany({ orderBy: { id: 'asc' } });
  const teams = await prisma.team.findMany({ where: { id: { in: [...new Set(users.map((u) => u.teamId))] } } });
  return users.map((u) => teams.find((t) => t.id === u.teamId));
};

describe.skipIf(!up)('Prisma 7 with @prisma/adapter-pg (real PostgreSQL)', () => {
  test('zero-config counts each statement once, at pg: N+1 is 21, the IN version 2', async () => {
    const n1 = await measureQueries(nPlusOne);
    expect(n1.queries).toHaveLength(21);
    expect(n1.queries.filter((q) => q.text.includes('"Team"'))).toHaveLength(20);
    const fixed = await measureQueries(twoQueries);
    expect(fixed.queries).toHaveLength(2);
    expect(await twoQueries()).toEqual(await nPlusOne());
    expect((await measureQueries(batched)).queries).toHaveLength(2);
  });

  test('toIssueQueriesAtMost flags the N+1 through Prisma', async () => {
    await expect(twoQueries).toIssueQueriesAtMost(2);
    const error = await expect(nPlusOne).toIssueQueriesAtMost(2).catch((e: unknown) => e as Error);
    const message = stripVTControlCharacters((error as Error).message);
    expect(message).toMatch(/Received: 21 queries of 2 shapes/);
    expect(message).toMatch(/likely N\+1: 5 distinct values/);
  });

  test('an interactive transaction: its statements count, BEGIN/COMMIT only when asked', async () => {
    const inTransaction = (): Promise<unknown> => prisma.$transaction(async (tx) => [await tx.user.findMany(), await tx.team.findMany()]);
    expect((await measureQueries(inTransaction)).queries).toHaveLength(2);
    const withControl = (await measureQueries(inTransaction, { transactionControl: true })).queries.map((q) => q.text.split(' ')[0]);
    expect(withControl).toEqual(['BEGIN', 'SELECT', 'SELECT', 'COMMIT']);
  });

  test('trackQueries(prisma) follows the pg adapter to its Pool, counts once, and undoes only what it added', async () => {
    const untrack = trackQueries(prisma);
    try {
      expect((await measureQueries(twoQueries)).queries).toHaveLength(2);
    } finally {
      untrack();
    }
    // Zero-config's hook stays after the undo: the statements are still counted, once.
    expect((await measureQueries(twoQueries)).queries).toHaveLength(2);
    trackQueries(new PrismaPg(pool))();
  });
});
