// toBeFasterThan at run time. Its types are checked in types-faster.ts (not under Vitest 5: see there).
import { expect, test } from 'vitest';

function spin(iterations: number): number {
  // Math is read once: under Jest's vm context every global lookup inside a hot loop costs ~85× more.
  const sqrt = Math.sqrt;
  let x = 0;
  for (let i = 0; i < iterations; i++) x += sqrt(i);
  return x;
}

test('a faster function is faster than its reference', async () => {
  // 5× less work: passes "at least 2× faster" with a wide margin, and the slower one is not faster.
  await expect(() => spin(20_000)).toBeFasterThan(() => spin(100_000), { by: 2 });
  await expect(() => spin(100_000)).not.toBeFasterThan(() => spin(20_000));
});
