import { describe, expect, it } from 'vitest';
import { countOp, opCounter, opsMetric } from '../../../../src/engine/growth/metrics/opsMetric.js';
import type { Workload } from '../../../../src/engine/workload.js';
import { fakeClock } from '../../../fixtures/fakeClock.js';

const context = { clock: fakeClock().clock, calls: 4, timeoutNs: 1e9, judgeOn: 'cpu' as const };

describe('countOp and the ops metric', () => {
  it('does nothing outside a measurement', () => {
    expect(() => countOp(5)).not.toThrow();
    expect(opCounter.active).toBeUndefined();
  });

  it('rejects a count that is not a non-negative finite number', () => {
    for (const k of [-1, NaN, Infinity, '2' as unknown as number]) expect(() => countOp(k)).toThrow(/countOp: k must be a non-negative finite number/);
  });

  it('averages the count over the calls of a sample', async () => {
    let i = 0;
    const sample = await opsMetric.sample({ call: () => countOp(++i) }, context);
    expect(sample.perCall).toBe((1 + 2 + 3 + 4) / 4);
  });

  it('counts an async call until its promise settles', async () => {
    const workload: Workload = {
      call: async () => {
        countOp();
        await new Promise((resolve) => setTimeout(resolve, 1));
        countOp(2);
      },
    };
    expect((await opsMetric.sample(workload, context)).perCall).toBe(3);
    expect(opCounter.active).toBeUndefined();
  });

  it('restores the counter when a call throws, and lets the error through', async () => {
    const failing: Workload = {
      call: () => {
        countOp();
        throw new Error('boom');
      },
    };
    await expect(opsMetric.sample(failing, context)).rejects.toThrow('boom');
    expect(opCounter.active).toBeUndefined();
  });
});
