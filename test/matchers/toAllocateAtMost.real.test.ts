import { describe, expect, it } from 'vitest';
import { engineOverrides } from '../../src/config/engineOverrides.js';
import { nativeHeapProbe } from '../../src/engine/heap/nativeHeapProbe.js';
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

  it('runs concurrent heap assertions one at a time: Promise.all neither mixes their bytes nor breaks the profiler', async () => {
    const allocateAsync = async (): Promise<number[]> => {
      await new Promise((resolve) => setImmediate(resolve));
      return evenSquares(numbers);
    };
    // Before: the loop measured the async function's bytes (814 KiB for nothing), and two failing assertions
    // profiling at once ended in "Inspector error -32000: sampling heap profiler was not started".
    const results = await Promise.all([
      matchers.toAllocateAtMost.call({}, () => sumOfEvenSquares(numbers), 0),
      matchers.toAllocateAtMost.call({}, allocateAsync, 100),
      matchers.toAllocateAtMost.call({}, () => evenSquares(numbers), 100),
      matchers.toRetainAtMost.call({}, () => sumOfEvenSquares(numbers), 0),
    ]);
    expect(results.map((r) => r.pass)).toEqual([true, false, false, true]);
    expect(results[1]?.message()).toContain('Top allocation sites of one call');
    expect(results[2]?.message()).toContain('Top allocation sites of one call');
  });

  it('names the matcher when a measured call never settles', async () => {
    const never = (): Promise<never> => new Promise<never>(() => undefined);
    await expect(matchers.toAllocateAtMost.call({}, never, 0, { maxTimeMs: 100 })).rejects.toThrow(/^toAllocateAtMost: the measured call had not settled after \d+ ms/);
  });

  it('bounds the failure-path profile: a function that hangs once profiling starts still fails, in time, without sites', async () => {
    const probe = nativeHeapProbe();
    let profiling = false;
    engineOverrides.heapProbe = {
      ...probe,
      profile: (run, intervalBytes, includeCollected) => {
        profiling = true;
        return probe.profile(run, intervalBytes, includeCollected);
      },
    };
    try {
      const allocateThenHang = (): Promise<never> | number[] => (profiling ? new Promise<never>(() => undefined) : evenSquares(numbers));
      const started = performance.now();
      const result = await matchers.toAllocateAtMost.call({}, allocateThenHang, 100, { maxTimeMs: 2000 });
      expect(result.pass).toBe(false);
      expect(result.message()).toContain('Top allocation sites: not profiled (a profiled call had not settled within 1000 ms)');
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      delete engineOverrides.heapProbe;
    }
  }, 10_000);
});
