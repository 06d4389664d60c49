// Deliberately failing: the whole orders table (5 000 rows) is read to show one customer's 20 most recent orders.
// The failure message is the point: it names the statement, the rows it returned, its call site and the fix.
import { beforeAll, expect, test } from 'vitest';
import { recentOrdersUnpaginated, seedOrders } from '../support/ordersDatabase.js';

beforeAll(seedOrders, 60_000);

test("a customer's 20 most recent orders in at most 100 rows (it reads all 5 000)", async () => {
  await expect(() => recentOrdersUnpaginated(7)).toFetchRowsAtMost(100);
});
