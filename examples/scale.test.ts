// Growth classes. examples/failing/scale.test.ts shows the failure a quadratic loop produces.
import { describe, expect, it } from 'vitest';
import { countOp, sized } from 'perfspec';
import { randomWords, uniqueWords } from './support/words.js';

describe('growth', () => {
  it('deduplicating with a Set grows linearly', async () => {
    await expect(sized(randomWords, uniqueWords)).toScaleAtMost('n');
  });

  it('a binary search does O(log n) comparisons, counted exactly with countOp', async () => {
    const search = (sorted: number[]): number => {
      let low = 0;
      let high = sorted.length - 1;
      const target = sorted.length - 1;
      while (low <= high) {
        countOp();
        const mid = (low + high) >> 1;
        if ((sorted[mid] as number) < target) low = mid + 1;
        else high = mid - 1;
      }
      return low;
    };
    await expect(sized((n) => Array.from({ length: n }, (_, i) => i), search)).toScaleAtMost('log n', { metric: 'ops' });
  });
});
