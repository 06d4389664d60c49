import { describe, expect, it } from 'vitest';
import { nativeHeapProbe } from '../../src/engine/nativeHeapProbe.js';
import { profileAllocationSites } from '../../src/engine/profileAllocationSites.js';

const numbers = Array.from({ length: 1000 }, (_, i) => i);
function doubledMultiplesOfThree(xs: readonly number[]): { v: number }[] {
  return xs.map((x) => ({ v: x * 2 })).filter((o) => o.v % 3 === 0);
}

describe('profileAllocationSites on the real V8 heap', () => {
  it('names the user function, the builtin it called and its line; objects far above the interval are exact', async () => {
    for (let i = 0; i < 100; i++) doubledMultiplesOfThree(numbers);
    const result = await profileAllocationSites(() => doubledMultiplesOfThree(numbers), nativeHeapProbe(), { expectedBytes: 20_000 });
    expect(result.intervalBytes).toBe(16);
    expect(result.partial).toBe(false);
    const map = result.sites.find((site) => site.via === 'map');
    // map's result: a JSArray (32 B) and a FixedArray of 1000 pointers (16 + 8000 B), sampled with certainty.
    expect(map).toEqual({ functionName: 'doubledMultiplesOfThree', file: 'test/engine/profileAllocationSites.test.ts', line: 6, via: 'map', bytes: 8048 });
    const objects = result.sites.find((site) => site.functionName === '(anonymous)');
    expect(objects).toMatchObject({ file: 'test/engine/profileAllocationSites.test.ts', line: 7 });
    expect(result.sites.some((site) => site.file.startsWith('src/'))).toBe(false);
  });

  it('keeps only what is still alive when asked for retained memory', async () => {
    const kept: object[] = [];
    const keepEveryTenth = (i: number): void => {
      const made = { i, payload: new Array(126).fill(i) };
      if (i % 10 === 0) kept.push(made);
    };
    const result = await profileAllocationSites(
      () => {
        for (let i = 0; i < 100; i++) keepEveryTenth(i);
      },
      nativeHeapProbe(),
      { expectedBytes: 10_000, retainedOnly: true },
    );
    // Ten of the hundred survive, about 10 × 1.1 KiB (a JSArray of 32 B, 126 slots of 16 + 1008 B, the object
    // holding it); counting the ninety collected ones too would be about 110 KiB.
    const fill = result.sites.find((site) => site.functionName === 'keepEveryTenth' && site.via === undefined);
    expect(fill?.line).toBe(26);
    expect(result.sites.reduce((sum, site) => sum + site.bytes, 0)).toBeLessThan(20 * 1056);
    expect(kept).toHaveLength(10);
  });
});
