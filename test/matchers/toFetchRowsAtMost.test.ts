import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { sized } from '../../src/engine/workload.js';
import { toFetchRowsAtMost } from '../../src/matchers/toFetchRowsAtMost.js';
import { measureQueries } from '../../src/queries/measureQueries.js';
import { failureMessage } from '../fixtures/failureMessage.js';

const db = new Database(':memory:');
db.exec('CREATE TABLE r_orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total INTEGER)');
db.exec(`INSERT INTO r_orders VALUES ${Array.from({ length: 300 }, (_, i) => `(${i + 1}, ${(i % 30) + 1}, ${i})`).join(', ')}`);
afterAll(() => db.close());

interface Order {
  id: number;
  customer_id: number;
  total: number;
}
const all = db.prepare('SELECT * FROM r_orders');
const byCustomer = db.prepare('SELECT * FROM r_orders WHERE customer_id = ? ORDER BY id LIMIT 50');
const ordersOf = (customer: number): Order[] => (all.all() as Order[]).filter((order) => order.customer_id === customer);
const pageOf = (customer: number): Order[] => byCustomer.all(customer) as Order[];

describe('toFetchRowsAtMost', () => {
  test('the failure message: rows against k, statements by rows with call sites, and the fix for the largest', async () => {
    const result = await toFetchRowsAtMost.call({ isNot: false }, () => [ordersOf(7), pageOf(8)], 100);
    expect(result.pass).toBe(false);
    expect(result.message().replace(/\d+(\.\d+)? (ms|µs|ns)/g, '<t>')).toBe(
      [
        'expect(received).toFetchRowsAtMost(k)',
        '',
        'Expected: at most 100 rows returned by the database',
        'Received: 310 rows from 2 statements',
        '',
        '  rows  runs  statement                                                         at',
        '   300    1×  SELECT * FROM r_orders                                            test/matchers/toFetchRowsAtMost.test.ts:20:54 ← 25:74',
        '    10    1×  SELECT * FROM r_orders WHERE customer_id = ? ORDER BY id LIMIT ?  test/matchers/toFetchRowsAtMost.test.ts:21:58 ← 25:87',
        '',
        'Measured: one call, <t> wall, via better-sqlite3',
        'Hint:     `SELECT * FROM r_orders` returned 300 rows to the application: filter in SQL with a WHERE, page it with LIMIT (keyset: WHERE id > $last ORDER BY id LIMIT 50), or aggregate in SQL (COUNT, SUM, GROUP BY) instead of in JavaScript',
      ].join('\n'),
    );
  });

  test('passes at k and above, fails below; .not flips it and says the count was within', async () => {
    await expect(() => pageOf(7)).toFetchRowsAtMost(10);
    await expect(() => pageOf(7)).not.toFetchRowsAtMost(9);
    const message = await failureMessage(expect(() => pageOf(7)).not.toFetchRowsAtMost(10));
    expect(message).toMatch(/Expected: more than 10 rows returned by the database\nReceived: 10 rows from 1 statement\n/);
    expect(message).toContain('Hint:     the call fetched 10 rows, which is within 10');
  });

  test('an N+1 with one row each is counted row by row, and its fix is one statement', async () => {
    const one = db.prepare('SELECT total FROM r_orders WHERE id = ?');
    const message = await failureMessage(expect(() => [1, 2, 3, 4, 5].map((id) => one.get(id))).toFetchRowsAtMost(4));
    expect(message).toMatch(/Received: 5 rows from 5 statements\n/);
    expect(message).toContain('Hint:     `SELECT total FROM r_orders WHERE id = ?` ran 5 times for 5 rows: fetch them in one statement');
  });

  test('iterate() rows count as the application takes them, not as the statement could return', async () => {
    const firstThree = (): number[] => {
      const taken: number[] = [];
      for (const row of all.iterate() as IterableIterator<Order>) {
        taken.push(row.id);
        if (taken.length === 3) break;
      }
      return taken;
    };
    const log = await measureQueries(firstThree);
    expect(log.queries.map((q) => q.returnedRows)).toEqual([3]);
    await expect(firstThree).toFetchRowsAtMost(3);
    await expect(() => [...(all.iterate() as IterableIterator<Order>)]).not.toFetchRowsAtMost(299);
  });

  test('a LIMIT that is still too large gets its own hint', async () => {
    const big = db.prepare('SELECT id FROM r_orders LIMIT 200');
    const message = await failureMessage(expect(() => big.all()).toFetchRowsAtMost(50));
    expect(message).toContain('Hint:     `SELECT id FROM r_orders LIMIT ?` returned 200 rows although it has a LIMIT: lower the page size');
  });

  test('a sized workload is measured at n, its setup outside the count', async () => {
    const workload = sized(
      (n) => {
        all.all();
        return n;
      },
      (n) => db.prepare('SELECT id FROM r_orders WHERE id <= ?').all(n),
    );
    await expect(workload).toFetchRowsAtMost(20, 20);
    await expect(workload).not.toFetchRowsAtMost(20, 21);
    await expect(workload).toFetchRowsAtMost(20, { n: 20 });
  });

  test('usage errors name the matcher, the argument and the value', async () => {
    await expect(toFetchRowsAtMost.call({}, () => pageOf(1), -1)).rejects.toThrow(/^toFetchRowsAtMost: k must be a whole number of rows \(0 or more\)\n\nReceived: number -1$/);
    await expect(toFetchRowsAtMost.call({}, () => pageOf(1), '100')).rejects.toThrow(/^toFetchRowsAtMost: k must be a whole number of rows \(0 or more\)\n\nReceived: string '100'$/);
    await expect(toFetchRowsAtMost.call({}, 'SELECT 1', 10)).rejects.toThrow(/^toFetchRowsAtMost: received must be/);
    await expect(toFetchRowsAtMost.call({}, () => pageOf(1), 10, { limit: 5 })).rejects.toThrow(/^toFetchRowsAtMost: options must be an options object with keys among transactionControl, ignore, maxTimeMs, n\n\nReceived: object \{ limit: 5 \}\nHint: +unknown option "limit"/);
    await expect(toFetchRowsAtMost.call({}, () => pageOf(1), 10, 0)).rejects.toThrow(/^toFetchRowsAtMost: n must be/);
  });
});
