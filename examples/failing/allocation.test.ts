// Deliberately failing: a .filter().map() chain against a 1 KiB budget. The message lists where the bytes come from.
import { expect, it } from 'vitest';
import { orders, unpaidTotalChained } from '../support/orders.js';

it('a .filter().map() chain stays under 1 KiB per call (it does not)', async () => {
  await expect(() => unpaidTotalChained(orders)).toAllocateAtMost('1 KiB');
});
