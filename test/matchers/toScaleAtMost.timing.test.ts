import { describe, expect, it } from 'vitest';
import { sized } from '../../src/engine/workload.js';

// Real timing, wide margins only: the excess slopes here are ≈ 0 and ≈ 1 against a tolerance of 0.25, and the
// verdicts rest on CPU time, so neither a slow nor a busy machine changes them.
const values = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1013);

function sum(a: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i] as number;
  return total;
}

function pairSum(a: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) total += (a[i] as number) * (a[j] as number);
  return total;
}

describe('toScaleAtMost on real time', () => {
  it('passes a linear sum against n', async () => {
    await expect(sized(values, sum)).toScaleAtMost('n');
  });

  it('fails a nested loop against n', async () => {
    await expect(sized(values, pairSum)).not.toScaleAtMost('n');
  });
});
