import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { sqlContract } from './contract/sqlContract.js';
import type { Row } from './contract/SqlHarness.js';

const db = new Database(':memory:');

function run(sql: string, params: unknown[] = []): Promise<Row[]> {
  const statement = db.prepare(sql);
  if (statement.reader) return Promise.resolve(statement.all(...params) as Row[]);
  statement.run(...params);
  return Promise.resolve([]);
}

function statementPrototype(): Record<string, unknown> {
  return Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
}

test('db.transaction() runs its statements between BEGIN and COMMIT, which are not counted by default', async () => {
  db.exec('CREATE TABLE IF NOT EXISTS bsq_tx (id INTEGER PRIMARY KEY)');
  const insert = db.prepare('INSERT INTO bsq_tx (id) VALUES (?)');
  const insertAll = db.transaction((ids: number[]) => ids.forEach((id) => insert.run(id)));
  const log = await measureQueries(() => insertAll([1, 2, 3]));
  expect(log.queries.map((q) => q.shape)).toEqual(Array(3).fill('INSERT INTO bsq_tx (id) VALUES (?)'));
  expect(log.excluded.map((q) => q.text)).toEqual(['BEGIN', 'COMMIT']);
  expect((await measureQueries(() => db.pragma('user_version'))).queries.map((q) => q.text)).toEqual(['PRAGMA user_version']);
  expect((await measureQueries(() => db.exec('SELECT 1; SELECT 2'))).queries).toHaveLength(1);
});

async function interleavedTen(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    db.prepare('SELECT ? AS n').get(i);
  }
}

describe.concurrent('concurrent tests in one file count only their own statements', () => {
  for (const name of ['first', 'second', 'third']) {
    test(name, async () => {
      await expect(interleavedTen).toIssueQueriesAtMost(10);
      await expect(interleavedTen).not.toIssueQueriesAtMost(9);
    });
  }
});

test('a background timer started outside the measurement is not counted', async () => {
  const timer = setInterval(() => db.prepare('SELECT 1 AS background').get(), 1);
  try {
    const log = await measureQueries(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      db.prepare('SELECT 2 AS mine').get();
    });
    expect(log.queries.map((q) => q.text)).toEqual(['SELECT 2 AS mine']);
  } finally {
    clearInterval(timer);
  }
});

sqlContract({
  name: 'better-sqlite3',
  prefix: 'bsq',
  placeholder: () => '?',
  open: async () => undefined,
  close: async () => void db.close(),
  run,
  prepared(sql) {
    const statement = db.prepare(sql);
    return (params) => Promise.resolve(statement.all(...params) as Row[]);
  },
  async transaction(body) {
    db.prepare('BEGIN').run();
    await body(run);
    db.prepare('COMMIT').run();
  },
  pooled: async (sql, params) => {
    await new Promise((resolve) => setImmediate(resolve));
    return run(sql, params);
  },
  target: () => db,
  hookedMethods: () => [...['run', 'get', 'all', 'iterate'].map((name) => statementPrototype()[name]), ...['exec', 'prepare'].map((name) => (Database.prototype as unknown as Record<string, unknown>)[name])],
});
