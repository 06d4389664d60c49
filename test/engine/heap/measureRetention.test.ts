import { describe, expect, it } from 'vitest';
import { measureRetention, retentionExceeds } from '../../../src/engine/heap/measureRetention.js';
import { fakeClock } from '../../fixtures/fakeClock.js';
import { fakeHeap } from '../../fixtures/fakeHeap.js';

describe('measureRetention on a fake heap', () => {
  it('sees a 32 B per call leak in every block, exactly', async () => {
    const heap = fakeHeap();
    const result = await measureRetention(
      () => {
        heap.allocate(500);
        heap.retain(32);
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    expect(result.growthBytes).toEqual([3200, 3200, 3200, 3200]);
    expect(result.offsetBytes).toEqual([0, 0, 0, 0]);
    expect(result.callsPerBlock).toBe(100);
    expect(retentionExceeds(result.growthBytes, result.callsPerBlock, 0)).toBe(true);
    expect(retentionExceeds(result.growthBytes, result.callsPerBlock, 22)).toBe(false);
  });

  it('sees no growth after the first block for a bounded cache that fills over 150 calls, nor for a memoized value', async () => {
    const heap = fakeHeap();
    let calls = 0;
    const bounded = await measureRetention(
      () => {
        if ((calls += 1) <= 150) heap.retain(64);
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    // 100 calls of unmeasured warm-up, then the first block holds the last 50 insertions.
    expect(bounded.growthBytes).toEqual([3200, 0, 0, 0]);
    expect(retentionExceeds(bounded.growthBytes, 100, 0)).toBe(false);

    let memo = false;
    const memoized = await measureRetention(
      () => {
        if (!memo) heap.retain(100_000);
        memo = true;
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    expect(memoized.growthBytes).toEqual([0, 0, 0, 0]);
  });

  it('subtracts the growth an empty function shows over the same block', async () => {
    const heap = fakeHeap();
    // The measuring code keeps 48 B per block whatever it calls: a block, then the reading's second gc.
    let gcs = 0;
    const probe = {
      ...heap.probe,
      collectGarbage: () => {
        heap.probe.collectGarbage();
        if ((gcs += 1) % 2 === 1) heap.retain(48);
      },
    };
    const result = await measureRetention(() => heap.retain(1), { probe, clock: fakeClock().clock, blocks: 3, callsPerBlock: 10 });
    expect(result.growthBytes).toEqual([10, 10, 10]);
    expect(result.offsetBytes).toEqual([48, 48, 48]);
  });

  it('stops at the time cap between blocks', async () => {
    const heap = fakeHeap();
    const fake = fakeClock();
    const result = await measureRetention(() => fake.spend(1e6), { probe: heap.probe, clock: fake.clock, maxTimeMs: 350 });
    // Warm-up: 100 ms; each block 100 ms; the next block is started only if it fits.
    expect(result.growthBytes).toHaveLength(2);
    expect(result.stoppedBy).toBe('time-cap');
  });

  it('gives up on a promise that never settles once maxTimeMs has passed, with an explicit error', async () => {
    const heap = fakeHeap();
    const never = (): Promise<never> => new Promise<never>(() => undefined);
    await expect(measureRetention(never, { probe: heap.probe, maxTimeMs: 30 })).rejects.toThrow(/the measured call had not settled after \d+ ms/);
  });

  it('rethrows the very error the function throws', async () => {
    const heap = fakeHeap();
    const failure = new Error('boom');
    await expect(measureRetention(() => { throw failure; }, { probe: heap.probe })).rejects.toBe(failure);
  });
});

describe('retentionExceeds', () => {
  it('fails only when every block after the first grew beyond the allowance', () => {
    expect(retentionExceeds([9000, 3200, 3200, 3200], 100, 0)).toBe(true);
    expect(retentionExceeds([9000, 3200, 0, 3200], 100, 0)).toBe(false);
    expect(retentionExceeds([0, 4224, 4224, 4225], 100, 32)).toBe(false);
    expect(retentionExceeds([0, 4225, 4225, 4225], 100, 32)).toBe(true);
    expect(retentionExceeds([5000], 100, 0)).toBe(false);
  });

  it('does not count growth within the 1 KiB noise floor per block', () => {
    expect(retentionExceeds([0, 1024, 1024, 1024], 100, 0)).toBe(false);
    expect(retentionExceeds([0, 1025, 1025, 1025], 100, 0)).toBe(true);
    expect(retentionExceeds([0, 528, 528, 176], 100, 0)).toBe(false);
  });
});
