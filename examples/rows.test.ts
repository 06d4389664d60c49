// The pagination guard on a real database (PGlite). examples/failing/unpaginated.test.ts shows the failure it catches.
import { beforeAll, expect, test } from 'vitest';
import { recentOrders, recentOrdersUnpaginated, seedOrders } from './support/ordersDatabase.js';

beforeAll(seedOrders, 60_000);

test("a customer's 20 most recent orders fetch 20 rows, not the table", async () => {
  await expect(() => recentOrders(7)).toFetchRowsAtMost(20);
  expect(await recentOrders(7)).toEqual(await recentOrdersUnpaginated(7));
});
