import Database from 'better-sqlite3';
import knexFactory from 'knex';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { eq, inArray } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { integer as pgInteger, pgTable } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, test } from 'vitest';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { resetQuerySpy } from '../../src/queries/resetQuerySpy.js';
import { trackQueries } from '../../src/queries/trackQueries.js';
import { lineOf } from '../fixtures/lineOf.js';
import { postgres, postgresUp } from './postgresServer.js';

// ORMs are counted at their driver: each statement once, never once by the ORM and again by the driver.

const pgConfig = postgres;
const pgUp = postgresUp;

async function withoutZeroConfig(body: () => Promise<void>): Promise<void> {
  resetQuerySpy({ autoInstall: false });
  try {
    await body();
  } finally {
    resetQuerySpy({ autoInstall: true });
  }
}

describe('drizzle-orm', () => {
  const sqlite = new Database(':memory:');
  sqlite.exec(`CREATE TABLE dz_teams (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE dz_users (id INTEGER PRIMARY KEY, team_id INTEGER);
    INSERT INTO dz_teams VALUES (1, 'a'), (2, 'b'), (3, 'c');
    INSERT INTO dz_users SELECT value, 1 + value % 3 FROM json_each('[${Array.from({ length: 30 }, (_, i) => i + 1).join(',')}]');`);
  const teams = sqliteTable('dz_teams', { id: integer('id').primaryKey(), name: text('name') });
  const users = sqliteTable('dz_users', { id: integer('id').primaryKey(), teamId: integer('team_id') });
  const db = drizzleSqlite(sqlite);
  afterAll(() => sqlite.close());

  test('better-sqlite3: N+1 through drizzle is 31 statements, counted once each; inArray is 2', async () => {
    const nPlusOne = async (): Promise<void> => {
      for (const user of await db.select().from(users)) await db.select().from(teams).where(eq(teams.id, user.teamId ?? 0));
    };
    const log = await measureQueries(nPlusOne);
    expect(log.queries).toHaveLength(31);
    expect(log.queries[1]?.shape).toBe('select "id", "name" from "dz_teams" where "dz_teams"."id" = ?');
    await expect(async () => {
      const list = await db.select().from(users);
      await db.select().from(teams).where(inArray(teams.id, [...new Set(list.map((user) => user.teamId ?? 0))]));
    }).toIssueQueriesAtMost(2);
  });

  test('a query builder returned without await is awaited inside the measurement', async () => {
    await expect(() => db.select().from(users)).toIssueQueriesAtMost(1);
    await expect(() => db.select().from(users)).not.toIssueQueriesAtMost(0);
  });

  test('trackQueries(db) follows db.$client to the driver, and undoes', async () => {
    await withoutZeroConfig(async () => {
      expect((await measureQueries(() => db.select().from(users))).queries).toHaveLength(0);
      const untrack = trackQueries(db);
      expect((await measureQueries(() => db.select().from(users))).queries).toHaveLength(1);
      untrack();
      expect((await measureQueries(() => db.select().from(users))).queries).toHaveLength(0);
    });
  });

  test('PGlite: a drizzle query is one statement', async () => {
    const client = new PGlite();
    const pgDb = drizzlePglite(client);
    await client.exec('CREATE TABLE dz_items (id int primary key)');
    const items = pgTable('dz_items', { id: pgInteger('id').primaryKey() });
    const log = await measureQueries(() => pgDb.select().from(items).where(eq(items.id, 1)));
    expect(log.queries.map((q) => [q.shape, q.params])).toEqual([['select "id" from "dz_items" where "dz_items"."id" = ?', ['1']]]);
    await client.close();
  }, 60_000);

  test.skipIf(!pgUp)('node-postgres pool: a drizzle query in a helper called in a loop has the call site of the helper, its loop and the test', async () => {
    const pool = new pg.Pool({ ...pgConfig, max: 1 });
    const pgDb = drizzlePg(pool);
    try {
      await pool.query('CREATE TABLE IF NOT EXISTS dz_sites (id int primary key)');
      const sites = pgTable('dz_sites', { id: pgInteger('id').primaryKey() });
      // drizzle's builders are thenables: their then() runs from a microtask, below none of these frames.
      const loadOne = async (id: number): Promise<unknown> => {
        const rows = await pgDb.select().from(sites).where(eq(sites.id, id));
        return rows;
      };
      const loadAll = async (): Promise<void> => {
        for (let id = 0; id < 3; id++) await loadOne(id);
      };
      const log = await measureQueries(loadAll);
      expect(log.queries).toHaveLength(3);
      const line = (text: string): number => lineOf(import.meta.url, text);
      // Lines only: the column V8 reports for an await differs between its versions.
      const lines = log.queries.map((query) => query.callSite?.replace(/(\d+):\d+/g, '$1'));
      const expected = `test/queries/orms.test.ts:${line('const rows = await pgDb.select()')} ← ${line('for (let id = 0; id < 3; id++) await loadOne(id)')} ← ${line('const log = await measureQueries(loadAll)')}`;
      expect(lines).toEqual([expected, expected, expected]);
    } finally {
      await pool.end();
    }
  });

  test.skipIf(!pgUp)('node-postgres pool: a drizzle query is one statement, and trackQueries(db) reaches the pool', async () => {
    const pool = new pg.Pool({ ...pgConfig, max: 1 });
    const pgDb = drizzlePg(pool);
    try {
      await pool.query('SELECT 1');
      const one = (): Promise<unknown> => pgDb.execute('SELECT 1 AS one');
      expect((await measureQueries(one)).queries).toHaveLength(1);
      await withoutZeroConfig(async () => {
        const untrack = trackQueries(pgDb);
        expect((await measureQueries(one)).queries).toHaveLength(1);
        untrack();
        expect((await measureQueries(one)).queries).toHaveLength(0);
      });
    } finally {
      await pool.end();
    }
  });
});

describe('knex', () => {
  test('better-sqlite3: lazy builders, transactions (BEGIN/COMMIT not counted), trackQueries via client.driver', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    try {
      await knex.schema.createTable('kx_users', (table) => {
        table.integer('id').primary();
        table.integer('team_id');
      });
      await knex('kx_users').insert(Array.from({ length: 10 }, (_, i) => ({ id: i + 1, team_id: 1 + (i % 2) })));
      await expect(() => knex('kx_users').where('team_id', 1)).toIssueQueriesAtMost(1);
      const inTransaction = (): Promise<void> =>
        knex.transaction(async (trx) => {
          await trx('kx_users').where('id', 1).update({ team_id: 2 });
          await trx('kx_users').where('id', 2).first();
        });
      const log = await measureQueries(inTransaction);
      expect(log.queries.map((q) => q.shape)).toEqual(['update `kx_users` set `team_id` = ? where `id` = ?', 'select * from `kx_users` where `id` = ? limit ?']);
      expect(log.excluded.map((q) => q.text)).toEqual(['BEGIN;', 'COMMIT;']);
      await withoutZeroConfig(async () => {
        const untrack = trackQueries(knex);
        expect((await measureQueries(() => knex('kx_users').count())).queries).toHaveLength(1);
        untrack();
        expect((await measureQueries(() => knex('kx_users').count())).queries).toHaveLength(0);
      });
    } finally {
      await knex.destroy();
    }
  });

  test.skipIf(!pgUp)('pg with a one-connection pool: concurrent measurements count 10 and 10', async () => {
    const knex = knexFactory({ client: 'pg', connection: pgConfig, pool: { min: 0, max: 1 } });
    try {
      await knex.raw('SELECT 1');
      const ten = async (): Promise<void> => {
        for (let i = 0; i < 10; i++) await knex.raw('SELECT ?::int AS n', [i]);
      };
      const [a, b] = await Promise.all([measureQueries(ten), measureQueries(ten)]);
      expect([a.queries.length, b.queries.length]).toEqual([10, 10]);
      await withoutZeroConfig(async () => {
        const untrack = trackQueries(knex);
        expect((await measureQueries(ten)).queries).toHaveLength(10);
        untrack();
      });
    } finally {
      await knex.destroy();
    }
  });
});

describe('TypeORM', () => {
  test('better-sqlite3: repository reads and transactions count at the driver; trackQueries(dataSource) follows driver.databaseConnection', async () => {
    const { DataSource, EntitySchema } = await import('typeorm');
    const Team = new EntitySchema<{ id: number; name: string }>({
      name: 'TypeormTeam',
      tableName: 'to_teams',
      columns: { id: { type: Number, primary: true }, name: { type: String } },
    });
    const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Team], synchronize: true, logging: false });
    await dataSource.initialize();
    try {
      const teams = dataSource.getRepository(Team);
      await teams.save([1, 2, 3, 4, 5].map((id) => ({ id, name: `team ${id}` })));
      const nPlusOne = async (): Promise<void> => {
        for (const id of [1, 2, 3, 4, 5]) await teams.findOneBy({ id });
      };
      expect((await measureQueries(nPlusOne)).queries).toHaveLength(5);
      await expect(() => teams.findBy({})).toIssueQueriesAtMost(1);
      const log = await measureQueries(() => dataSource.transaction(async (manager) => void (await manager.getRepository(Team).update({ id: 1 }, { name: 'renamed' }))));
      expect(log.queries.map((q) => q.shape)).toEqual(['UPDATE "to_teams" SET "name" = ? WHERE "id" = ?']);
      expect(log.excluded.map((q) => q.text)).toEqual(['BEGIN TRANSACTION', 'COMMIT']);
      await withoutZeroConfig(async () => {
        const untrack = trackQueries(dataSource);
        expect((await measureQueries(() => teams.findBy({}))).queries).toHaveLength(1);
        untrack();
        expect((await measureQueries(() => teams.findBy({}))).queries).toHaveLength(0);
      });
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('Sequelize', () => {
  test.skipIf(!pgUp)('pg: lazy association loads are an N+1, include is one JOIN; trackQueries(sequelize) follows connectionManager.lib', async () => {
    const { DataTypes, Sequelize } = await import('sequelize');
    const sequelize = new Sequelize({ dialect: 'postgres', ...pgConfig, username: pgConfig.user, logging: false, pool: { max: 1 } });
    try {
      const Team = sequelize.define('SqTeam', { name: DataTypes.STRING }, { tableName: 'sq_teams', timestamps: false });
      const User = sequelize.define('SqUser', { name: DataTypes.STRING }, { tableName: 'sq_users', timestamps: false });
      User.belongsTo(Team, { foreignKey: 'team_id', as: 'team' });
      await sequelize.sync({ force: true });
      await Team.bulkCreate([1, 2, 3].map((id) => ({ id, name: `team ${id}` })));
      await User.bulkCreate(Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `user ${i + 1}`, team_id: 1 + (i % 3) })));
      const lazy = async (): Promise<void> => {
        for (const user of await User.findAll()) await (user as unknown as { getTeam(): Promise<unknown> }).getTeam();
      };
      const message = (await measureQueries(lazy)).queries;
      expect(message).toHaveLength(13);
      await expect(() => User.findAll({ include: [{ model: Team, as: 'team' }] })).toIssueQueriesAtMost(1);
      await withoutZeroConfig(async () => {
        const untrack = trackQueries(sequelize);
        expect((await measureQueries(() => User.count())).queries).toHaveLength(1);
        untrack();
        expect((await measureQueries(() => User.count())).queries).toHaveLength(0);
      });
      await sequelize.getQueryInterface().dropTable('sq_users');
      await sequelize.getQueryInterface().dropTable('sq_teams');
    } finally {
      await sequelize.close();
    }
  });
});

describe('Kysely', () => {
  test('better-sqlite3: counted at the driver by zero-config; its driver is private, so trackQueries takes the database', async () => {
    const { Kysely, SqliteDialect } = await import('kysely');
    const database = new Database(':memory:');
    database.exec('CREATE TABLE ky_items (id INTEGER PRIMARY KEY, name TEXT)');
    const db = new Kysely<{ ky_items: { id: number; name: string } }>({ dialect: new SqliteDialect({ database }) });
    try {
      const read = (): Promise<unknown> => db.selectFrom('ky_items').selectAll().where('id', '=', 1).execute();
      const log = await measureQueries(read);
      expect(log.queries.map((q) => q.shape)).toEqual(['select * from "ky_items" where "id" = ?']);
      await expect(read).toIssueQueriesAtMost(1);
      await expect(read).not.toIssueQueriesAtMost(0);
      expect(() => trackQueries(db)).toThrow(/trackQueries: target must be/);
      await withoutZeroConfig(async () => {
        const untrack = trackQueries(database);
        expect((await measureQueries(read)).queries).toHaveLength(1);
        untrack();
      });
    } finally {
      await db.destroy();
    }
  });
});
