// How toScaleAtMost reads in a suite. The second test fails on purpose: its failure message is the point.
// Run with perfspec registered, e.g. setupFiles: ['perfspec/vitest'] in vitest.config.ts.
import { describe, expect, it } from 'vitest';
import { sized } from 'perfspec';

const randomWords = (n: number): string[] => Array.from({ length: n }, (_, i) => `w${(i * 7919) % (n + 1)}`);

/** Linear: one pass with a Set. */
function uniqueWords(words: string[]): string[] {
  return [...new Set(words)];
}

/** Quadratic: `includes` scans the result for every word (the kind of loop a refactor slips in). */
function uniqueWordsSlow(words: string[]): string[] {
  const unique: string[] = [];
  for (const word of words) if (!unique.includes(word)) unique.push(word);
  return unique;
}

describe('deduplicating words', () => {
  it('grows linearly with a Set', async () => {
    await expect(sized(randomWords, uniqueWords)).toScaleAtMost('n');
  });

  it('grows linearly with includes (it does not: this test fails, read its message)', async () => {
    await expect(sized(randomWords, uniqueWordsSlow)).toScaleAtMost('n');
  });
});
