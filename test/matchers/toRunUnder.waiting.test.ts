import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { matchers } from '../../src/matchers/matchers.js';
import { useFakeEngineClock } from '../fixtures/useFakeEngineClock.js';

const db = new Database(':memory:');
db.exec('CREATE TABLE w_items (id INTEGER PRIMARY KEY, name TEXT)');
afterAll(() => db.close());
const byId = db.prepare('SELECT name FROM w_items WHERE id = ?');

const fake = useFakeEngineClock();

describe('toRunUnder hints that fit the evidence', () => {
  test('an async call that mostly waits gets an I/O hint naming its queries, not --cpu-prof', async () => {
    // 0.5 ms of CPU in 10 ms of wall time per call (CPU/wall 0.05), and three lookups by id.
    const handler = async (): Promise<void> => {
      for (const id of [1, 2, 3]) byId.get(id);
      fake.spend(0.5e6, 10e6);
    };
    const result = await matchers.toRunUnder.call({}, handler, 5);
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toMatch(
      /Hint: {5}the median is 2\.00× the budget; the call was waiting 95% of its wall time \(CPU\/wall 0\.05\), which a CPU profile does not show: during one call \([\d.]+ ms\) it issued 3 queries \(3× SELECT name FROM w_items WHERE id = \?\), [\d.]+ ms in all; make fewer round trips, batch them, or run independent ones concurrently/,
    );
    expect(message).not.toContain('--cpu-prof');
  });

  test('waiting on nothing the spy counts says so', async () => {
    const sleeper = async (): Promise<void> => fake.spend(0.5e6, 10e6);
    const message = (await matchers.toRunUnder.call({}, sleeper, 5)).message();
    expect(message).toContain('the query spy saw no statement or request during one call, so it waited on something else');
  });

  test('a sync call over budget keeps the profiling hint', async () => {
    const message = (await matchers.toRunUnder.call({}, () => fake.spend(10e6), 5)).message();
    expect(message).toContain('profile one call (node --cpu-prof)');
  });
});
