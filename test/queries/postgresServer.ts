import { serverReachable } from './serverReachable.js';

/**
 * The PostgreSQL server the query tests use (PGHOST, PGPORT, PGUSER, PGDATABASE; trust auth), and whether it
 * answers: outside CI a missing server skips those tests, with CI set they run and fail.
 */
export const postgres = {
  host: process.env['PGHOST'] ?? '127.0.0.1',
  port: Number(process.env['PGPORT'] ?? 5432),
  user: process.env['PGUSER'] ?? 'postgres',
  database: process.env['PGDATABASE'] ?? 'test',
};

export const postgresUp = await serverReachable('PostgreSQL', postgres.host, postgres.port, 'Start it, or point PGHOST/PGPORT/PGUSER/PGDATABASE at one (trust auth); with CI set these tests always run.');
