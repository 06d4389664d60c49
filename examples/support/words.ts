// Two ways to deduplicate words: a Set (linear) and `includes` inside a loop (quadratic, the kind of loop a
// refactor slips in).
export const randomWords = (n: number): string[] => Array.from({ length: n }, (_, i) => `w${(i * 7919) % (n + 1)}`);

/** Linear: one pass with a Set. */
export function uniqueWords(words: string[]): string[] {
  return [...new Set(words)];
}

/** Quadratic: `includes` scans the result for every word. */
export function uniqueWordsSlow(words: string[]): string[] {
  const unique: string[] = [];
  for (const word of words) if (!unique.includes(word)) unique.push(word);
  return unique;
}
