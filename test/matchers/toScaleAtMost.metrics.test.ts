import Database from 'better-sqlite3';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sized } from '../../src/engine/workload.js';

// Both metrics are exact counts on the real V8 heap and a real SQLite database, so the verdicts do not depend on
// the machine's speed; the sizes are given so that a busy machine cannot shorten the sweep, and the cap is wide
// because each sample is a measureAllocation (13 calls, each after a full gc of the worker's heap): on a busy
// machine the default 2 s left no sample at all, which passed for lack of evidence before that became a failure.
const sizes = [64, 128, 256, 512, 1024];
const maxTimeMs = 20_000;

describe("toScaleAtMost with { metric: 'allocations' }", () => {
  const copy = sized(
    (n) => Array.from({ length: n }, (_, i) => i),
    (values: number[]) => values.map((v) => v + 1),
  );
  const pairs = sized(
    (n) => Array.from({ length: n }, (_, i) => i),
    (values: number[]) => values.map((a) => values.map((b) => a + b)),
  );

  it('passes a copy (bytes grow like n) against n, and fails it against 1', async () => {
    await expect(copy).toScaleAtMost('n', { metric: 'allocations', sizes, maxTimeMs });
    await expect(copy).not.toScaleAtMost('1', { metric: 'allocations', sizes, maxTimeMs });
  });

  it('fails all pairs (bytes grow like n^2) against n', async () => {
    await expect(pairs).not.toScaleAtMost('n', { metric: 'allocations', sizes: [16, 32, 64, 128, 256], maxTimeMs });
    await expect(pairs).toScaleAtMost('n^2', { metric: 'allocations', sizes: [16, 32, 64, 128, 256], maxTimeMs });
  });
});

describe("toScaleAtMost('1', { metric: 'queries' }): the scale form of the N+1 guard", () => {
  const database = (n: number): Database.Database => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, team_id INTEGER)');
    const team = db.prepare('INSERT INTO teams VALUES (?, ?)');
    const user = db.prepare('INSERT INTO users VALUES (?, ?, ?)');
    for (let i = 1; i <= 5; i++) team.run(i, `team ${i}`);
    for (let i = 1; i <= n; i++) user.run(i, `user ${i}`, 1 + (i % 5));
    return db;
  };
  const nPlusOne = sized(database, (db) => {
    const users = db.prepare('SELECT id, team_id FROM users').all() as { id: number; team_id: number }[];
    return users.map((u) => db.prepare('SELECT name FROM teams WHERE id = ?').get(u.team_id));
  });
  const joined = sized(database, (db) => db.prepare('SELECT u.id, t.name FROM users u JOIN teams t ON t.id = u.team_id').all());

  it('passes the JOIN, whose query count does not grow, and not the N+1', async () => {
    const querySizes = [4, 8, 16, 32, 64];
    await expect(joined).toScaleAtMost('1', { metric: 'queries', sizes: querySizes });
    await expect(nPlusOne).not.toScaleAtMost('1', { metric: 'queries', sizes: querySizes });
    await expect(nPlusOne).toScaleAtMost('n', { metric: 'queries', sizes: querySizes });
  });

  it('explains the N+1 in queries per call', async () => {
    const error = await expect(nPlusOne).toScaleAtMost('1', { metric: 'queries', sizes: [4, 8, 16, 32, 64] }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    const message = stripVTControlCharacters((error as Error).message);
    expect(message).toContain('Expected: median queries per call growing at most like O(1)');
    expect(message).toContain('\n  64  65 queries  13.0×\n');
    expect(message).toContain('a query per item is an N+1');
  });
});
