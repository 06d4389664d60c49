import { describe, expect, test } from 'vitest';
import { sized } from 'perfspec';

const doc = JSON.stringify({ users: Array.from({ length: 200 }, (_, id) => ({ id, name: `user ${id}`, tags: ['a', 'b'] })) });

function shuffled(n: number): number[] {
  const array = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [array[i], array[j]] = [array[j] as number, array[i] as number];
  }
  return array;
}

describe('time budgets', () => {
  test('parsing a 20 KB document takes under 5 ms (median CPU time)', async () => {
    await expect(() => JSON.parse(doc)).toRunUnder(5);
  });

  test('sorting 10 000 numbers takes under 50 ms; setup is not timed and every call sorts fresh input', async () => {
    await expect(sized((n) => shuffled(n), (a) => a.sort((x, y) => x - y))).toRunUnder(50, 10_000);
  });

  test('an async call is judged on wall time; here its p95 is under 100 ms', async () => {
    const lookup = () => new Promise((resolve) => setTimeout(resolve, 1));
    await expect(lookup).toRunUnder(100, { statistic: 'p95' });
  });

  test('.not works too: a deliberate 20 ms busy-wait is not under 1 ms', async () => {
    const busy = () => {
      const end = performance.now() + 20;
      while (performance.now() < end);
    };
    await expect(busy).not.toRunUnder(1, { maxTimeMs: 300 });
  });
});
