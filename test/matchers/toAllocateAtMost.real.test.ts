import { describe, expect, it } from 'vitest';
import { matchers } from '../../src/matchers/matchers.js';
import { lineOf } from '../fixtures/lineOf.js';

const numbers = Array.from({ length: 1000 }, (_, i) => i);
function sumOfEvenSquares(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) if ((x * x) % 2 === 0) sum += x * x;
  return sum;
}
function evenSquares(xs: readonly number[]): number[] {
  return xs.map((x) => x * x).filter((x) => x % 2 === 0);
}
const evenSquaresLine = lineOf(import.meta.url, 'function evenSquares(');

// Bytes are deterministic: these verdicts do not depend on the machine's speed or load.
describe('toAllocateAtMost on the real heap', () => {
  it('passes a loop that allocates nothing with a budget of 0', async () => {
    await expect(() => sumOfEvenSquares(numbers)).toAllocateAtMost(0);
  });

  it('fails a map/filter chain over budget, naming the function, the builtins and the line', async () => {
    const result = await matchers.toAllocateAtMost.call({}, () => evenSquares(numbers), '2 KiB');
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toMatch(/Received: 1\d\.\d KiB allocated per call/);
    // After warm-up, TurboFan may have inlined map and filter into evenSquares (when depends on timing): then their
    // allocations are reported as evenSquares' own, without "→ map".
    expect(message).toMatch(new RegExp(`evenSquares( → map)? +test/matchers/toAllocateAtMost\\.real\\.test\\.ts:${evenSquaresLine}`));
    expect(message).toContain('Hint:     ');
    expect(message).not.toContain('src/engine');
  });

  it('works through expect, with .not', async () => {
    await expect(() => evenSquares(numbers)).not.toAllocateAtMost('1 KiB');
    await expect(() => evenSquares(numbers)).toAllocateAtMost('64 KiB');
    await expect(expect(() => evenSquares(numbers)).toAllocateAtMost('1 KiB')).rejects.toThrow(/toAllocateAtMost/);
  });

  it('refuses a misspelled unit at compile time and at run time', async () => {
    // @ts-expect-error -- 'kib' is not a unit (KiB is)
    await expect(expect(() => 1).toAllocateAtMost('64 kib')).rejects.toThrow(/toAllocateAtMost: bytes must be/);
    // @ts-expect-error -- the budget is a number or a string with a unit
    await expect(expect(() => 1).toAllocateAtMost(null)).rejects.toThrow(/Received: null/);
  });

  it('says sites are partial for an async function', async () => {
    const load = async (): Promise<number[]> => {
      await Promise.resolve();
      return evenSquares(numbers);
    };
    const result = await matchers.toAllocateAtMost.call({}, load, 100);
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('(partial: the function is async');
    expect(result.message()).toContain('async function, awaited');
  });
});
