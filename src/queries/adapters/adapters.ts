import type { QueryAdapter } from '../QueryAdapter.js';
import { betterSqlite3Adapter } from './betterSqlite3Adapter.js';
import { httpAdapter } from './httpAdapter.js';
import { ioredisAdapter } from './ioredisAdapter.js';
import { mysql2Adapter } from './mysql2Adapter.js';
import { pgAdapter } from './pgAdapter.js';
import { pgliteAdapter } from './pgliteAdapter.js';

/**
 * Every driver adapter, in the order `trackQueries` tries them.
 *
 * @example
 * for (const adapter of adapters) await adapter.install();
 */
export const adapters: readonly QueryAdapter[] = [pgAdapter, mysql2Adapter, betterSqlite3Adapter, pgliteAdapter, ioredisAdapter, httpAdapter];
