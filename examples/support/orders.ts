// Orders and two ways to total the unpaid ones: one loop that allocates nothing, and a .filter().map() chain.
export interface Order {
  id: number;
  total: number;
  paid: boolean;
}

export const orders: Order[] = Array.from({ length: 1000 }, (_, i) => ({ id: i, total: (i * 37) % 500, paid: i % 3 !== 0 }));

/** One pass, no intermediate arrays: allocates nothing. */
export function unpaidTotal(list: readonly Order[]): number {
  let sum = 0;
  for (const order of list) if (!order.paid) sum += order.total;
  return sum;
}

/** The same answer through a chain: every step copies. */
export function unpaidTotalChained(list: readonly Order[]): number {
  return list
    .filter((order) => !order.paid)
    .map((order) => order.total)
    .reduce((sum, total) => sum + total, 0);
}
