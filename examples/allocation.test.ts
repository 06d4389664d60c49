// Allocation budgets: run with the perfspec matchers registered (setupFiles: ['perfspec/vitest']).
// The second test fails on purpose: its failure message, with the allocation sites, is the point of the demo.
import { describe, expect, it } from 'vitest';

interface Order {
  id: number;
  total: number;
  paid: boolean;
}

const orders: Order[] = Array.from({ length: 1000 }, (_, i) => ({ id: i, total: (i * 37) % 500, paid: i % 3 !== 0 }));

/** One pass, no intermediate arrays: allocates nothing. */
function unpaidTotal(list: readonly Order[]): number {
  let sum = 0;
  for (const order of list) if (!order.paid) sum += order.total;
  return sum;
}

/** The same answer through a chain: every step copies. */
function unpaidTotalChained(list: readonly Order[]): number {
  return list
    .filter((order) => !order.paid)
    .map((order) => order.total)
    .reduce((sum, total) => sum + total, 0);
}

describe('allocation budgets', () => {
  it('a single loop allocates nothing per call', async () => {
    await expect(() => unpaidTotal(orders)).toAllocateAtMost(0);
  });

  it('a .filter().map() chain over a 1 KiB budget fails, and says where the bytes come from', async () => {
    await expect(() => unpaidTotalChained(orders)).toAllocateAtMost('1 KiB');
  });
});
