import { betterSqlite3Adapter } from './betterSqlite3Adapter.js';
import { httpAdapter } from './httpAdapter.js';
import { ioredisAdapter } from './ioredisAdapter.js';
import { mysql2Adapter } from './mysql2Adapter.js';
import { pgAdapter } from './pgAdapter.js';
import { pgliteAdapter } from './pgliteAdapter.js';

/**
 * How one driver is hooked: `install` hooks it for good if the process has loaded it (zero-config, idempotent);
 * `track` hooks the class of a given client, pool or database and returns the undo, or undefined when the object
 * is not this driver's.
 *
 * @example
 * const undo = pgAdapter.track(pool);
 */
export interface QueryAdapter {
  readonly name: string;
  install(): void | Promise<void>;
  track(target: object): (() => void) | undefined;
}

/**
 * Every driver adapter, in the order `trackQueries` tries them.
 *
 * @example
 * for (const adapter of adapters) await adapter.install();
 */
export const adapters: readonly QueryAdapter[] = [pgAdapter, mysql2Adapter, betterSqlite3Adapter, pgliteAdapter, ioredisAdapter, httpAdapter];
