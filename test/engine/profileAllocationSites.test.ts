import { describe, expect, it } from 'vitest';
import { nativeHeapProbe } from '../../src/engine/nativeHeapProbe.js';
import { profileAllocationSites } from '../../src/engine/profileAllocationSites.js';

const numbers = Array.from({ length: 1000 }, (_, i) => i);
function doubledMultiplesOfThree(xs: readonly number[]): { v: number }[] {
  return xs.map((x) => ({ v: x * 2 })).filter((o) => o.v % 3 === 0);
}

describe('profileAllocationSites on the real V8 heap', () => {
  it('names the user function and the builtin that allocated, with file and line, and leaves perfspec out', async () => {
    for (let i = 0; i < 100; i++) doubledMultiplesOfThree(numbers);
    const result = await profileAllocationSites(() => doubledMultiplesOfThree(numbers), nativeHeapProbe(), { expectedBytes: 16 });
    console.log(result);
    expect(result.partial).toBe(false);
  });
});
