// Allocation budgets and leak checks. examples/failing/allocation.test.ts shows a failure with its allocation sites.
import { describe, expect, it } from 'vitest';
import { orders, unpaidTotal, unpaidTotalChained } from './support/orders.js';

describe('allocation budgets', () => {
  it('a single loop allocates nothing per call', async () => {
    await expect(() => unpaidTotal(orders)).toAllocateAtMost(0);
  });

  it('the chained version copies its input twice: a budget says how much that may cost', async () => {
    expect(unpaidTotalChained(orders)).toBe(unpaidTotal(orders));
    await expect(() => unpaidTotalChained(orders)).toAllocateAtMost('16 KiB');
  });

  it('neither keeps memory between calls', async () => {
    await expect(() => unpaidTotalChained(orders)).toRetainAtMost(0);
  });
});
