import { usageError } from '../input/usageError.js';
import { adapters } from './adapters/adapters.js';

/**
 * Hooks the driver behind `target` — a pg Client or Pool, a mysql2 connection or pool, a better-sqlite3 Database, a
 * PGlite instance, an ioredis client, or a drizzle, knex, Sequelize or TypeORM object over one — so that its
 * statements are counted (once, at the driver), and returns a function that undoes exactly that.
 *
 * @param target - the driver client, pool or database, or an ORM object over one.
 * @example
 * const untrack = trackQueries(db);
 * await expect(() => repo.listUsers()).toIssueQueriesAtMost(2);
 * untrack();
 */
export function trackQueries(target: object): () => void {
  const undo = track(target, new Set());
  if (undo === undefined) {
    throw usageError({
      matcher: 'trackQueries',
      argument: 'target',
      expectation: 'a pg Client or Pool, a mysql2 connection or pool, a better-sqlite3 Database, a PGlite instance, an ioredis client, or a drizzle, knex, Sequelize, TypeORM or Prisma 7 (pg adapter over a Pool) object over one',
      received: target,
    });
  }
  return undo;
}

function track(target: unknown, seen: Set<unknown>): (() => void) | undefined {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null || seen.has(target)) return undefined;
  seen.add(target);
  for (const adapter of adapters) {
    const undo = adapter.track(target);
    if (undo !== undefined) return undo;
  }
  // ORMs keep their driver object under a known property: drizzle `$client`, knex `client.driver`, Sequelize
  // `connectionManager.lib`, TypeORM `driver.master` (pg, mysql pools) or `driver.databaseConnection`
  // (better-sqlite3), mysql2's promise wrappers (`pool`, `connection`), Prisma 7's driver adapter
  // (`_engineConfig.adapter.externalPool`, the pg Pool given to `new PrismaPg(pool)`), and the common `client`, `db`,
  // `session`.
  for (const key of ['$client', 'driver', 'client', 'master', 'databaseConnection', 'pool', 'connection', 'db', 'session', 'connectionManager', 'lib', '_engineConfig', 'adapter', 'externalPool']) {
    const inner = (target as Record<string, unknown>)[key];
    const undo = track(inner, seen);
    if (undo !== undefined) return undo;
  }
  return undefined;
}
