import { expect, test } from 'vitest';

// Deliberately slow: removing duplicates with indexOf inside filter is quadratic. The failure message is the point.
function dedupe(values: readonly number[]): number[] {
  return values.filter((value, index) => values.indexOf(value) === index);
}

const values = Array.from({ length: 20_000 }, (_, i) => i % 5_000);

test('dedupe of 20 000 values runs under 1 ms (it does not)', async () => {
  await expect(() => dedupe(values)).toRunUnder(1);
});
