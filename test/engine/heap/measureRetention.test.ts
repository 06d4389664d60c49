import { describe, expect, it } from 'vitest';
import { measureRetention, retentionExceeds } from '../../../src/engine/heap/measureRetention.js';
import { sized } from '../../../src/engine/workload.js';
import { fakeClock } from '../../fixtures/fakeClock.js';
import { fakeHeap } from '../../fixtures/fakeHeap.js';
import type { SimulatedHeap } from '../../fixtures/SimulatedHeap.js';

/** A Map on the fake heap: 24 B per slot, capacity doubling from 4 when full, the old table freed. */
function fakeMap(heap: SimulatedHeap): () => void {
  let size = 0;
  let capacity = 4;
  heap.retain(24 * capacity);
  return () => {
    size += 1;
    if (size > capacity) {
      heap.retain(24 * capacity); // the new table is twice the old one, which is freed
      capacity *= 2;
    }
  };
}

describe('measureRetention on a fake heap', () => {
  it('sees a leak into a Map whose backing store grows in steps: the judged calls hold at least one doubling', async () => {
    const heap = fakeHeap();
    const result = await measureRetention(fakeMap(heap), { probe: heap.probe, clock: fakeClock().clock });
    expect(result.first.calls).toBe(32_768);
    expect(result.judgedCalls).toBe(65_536);
    // Capacity 32 768 at the first reading, 131 072 at the last.
    expect(result.growthBytes).toBe(24 * (131_072 - 32_768));
    expect(result.stoppedBy).toBe('plan');
    expect(retentionExceeds(result, 0)).toBe(true);
    // Fixed blocks of 100 calls see no growth in 97% of blocks of such a leak (the old rule passed it).
    const heap2 = fakeHeap();
    const map = fakeMap(heap2);
    let grewIn = 0;
    for (let block = 0; block < 300; block++) {
      const before = heap2.probe.read().heapBytes;
      for (let i = 0; i < 100; i++) map();
      if (heap2.probe.read().heapBytes - 200 > before) grewIn += 1;
    }
    expect(grewIn).toBe(9);
  });

  it('passes what fills up before the first reading: a bounded cache of 10 000 entries, one memoized value, a lazy init', async () => {
    const heap = fakeHeap();
    let cached = 0;
    const cache = (): void => {
      if (cached < 10_000) {
        cached += 1;
        heap.retain(64);
      }
    };
    const bounded = await measureRetention(cache, { probe: heap.probe, clock: fakeClock().clock });
    expect(bounded.growthBytes).toBe(0);
    expect(retentionExceeds(bounded, 0)).toBe(false);

    let memo = false;
    const memoized = await measureRetention(
      () => {
        if (!memo) heap.retain(100_000);
        memo = true;
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    expect(memoized.growthBytes).toBe(0);
  });

  it('judges against the allowance per judged call plus the 16 KiB noise floor', () => {
    const floor = 16 * 1024;
    expect(retentionExceeds({ growthBytes: floor, judgedCalls: 2048, noiseFloorBytes: floor }, 0)).toBe(false);
    expect(retentionExceeds({ growthBytes: floor + 1, judgedCalls: 2048, noiseFloorBytes: floor }, 0)).toBe(true);
    expect(retentionExceeds({ growthBytes: 32 * 2048 + floor, judgedCalls: 2048, noiseFloorBytes: floor }, 32)).toBe(false);
    expect(retentionExceeds({ growthBytes: 32 * 2048 + floor + 1, judgedCalls: 2048, noiseFloorBytes: floor }, 32)).toBe(true);
  });

  it('plans from the measured gc cost: 300 ms gcs in a 1 s cap fail with the reason and the cap that would suffice', async () => {
    const fake = fakeClock();
    const heap = fakeHeap({ gcCost: { clock: fake, fullNs: 300e6, minorNs: 1e6 } });
    const call = (): void => fake.spend(1000);
    // A calibration gc (300 ms) and three calls: 850 ms usable cannot also hold readings of three gcs (900 ms); a
    // second gc timing (300 ms more) agrees, and the least evidence then needs (601 + 0.027 + 900) / 0.85 ms + 20%.
    await expect(measureRetention(call, { probe: heap.probe, clock: fake.clock, maxTimeMs: 1000, label: 'toRetainAtMost' })).rejects.toThrow(
      'toRetainAtMost: not enough time for a verdict: a full gc takes 300 ms in this process (heap 1 MB) and one call 0.0010 ms; ' +
        'the least evidence (30 calls and 4 full gcs) needs about 2200 ms, and the cap is 1000 ms; set maxTimeMs: 2200',
    );
  });

  it('stretches a default cap to hold the least evidence when gcs are slow, and stays within the stretched cap', async () => {
    const fake = fakeClock();
    const heap = fakeHeap({ gcCost: { clock: fake, fullNs: 300e6, minorNs: 1e6 } });
    const result = await measureRetention(() => fake.spend(1000), { probe: heap.probe, clock: fake.clock, maxTimeMs: 1000, stretchToMs: 4000 });
    // Stretched only as far as the planned 32 768 + 65 536 calls need: (301 + 98.3 + 900) ms / 0.85, rounded up.
    expect(result.capMs).toBe(1600);
    expect(result.first.calls).toBe(32_768);
    expect(result.judgedCalls).toBe(65_536);
    expect(result.costs.fullGcMs).toBe(300);
    expect(result.costs.minorGcMs).toBe(1);
    // A calibration gc (300 ms), a minor gc (1 ms), 98 304 calls of 1 µs, readings of one and two gcs (900 ms).
    expect(result.elapsedMs).toBeCloseTo(1299.304, 6);
    expect(result.elapsedMs).toBeLessThanOrEqual(result.capMs);
  });

  it('keeps to maxTimeMs for a 10 ms function: fewer calls, planned from the measured call', async () => {
    const fake = fakeClock();
    const heap = fakeHeap({ gcCost: { clock: fake, fullNs: 5e6 } });
    const result = await measureRetention(() => fake.spend(10e6), { probe: heap.probe, clock: fake.clock, maxTimeMs: 500 });
    // Calibration 5 ms; after one call, (0.85 × 500 − 15 − 15 + 10) / 30 ms: 13 calls, then 26 more.
    expect(result.first.calls).toBe(13);
    expect(result.judgedCalls).toBe(26);
    expect(result.elapsedMs).toBe(410);
  });

  it('lets a slow first call (lazy initialisation) be followed by a second before deciding the cap is too short', async () => {
    const fake = fakeClock();
    const heap = fakeHeap();
    let calls = 0;
    const lazy = (): void => fake.spend((calls += 1) === 1 ? 300e6 : 1000);
    const result = await measureRetention(lazy, { probe: heap.probe, clock: fake.clock, maxTimeMs: 1000 });
    expect(result.first.calls).toBe(32_768);
  });

  it('makes one call of a 3 s function, not 300 s of them, then says what cap would hold a verdict', async () => {
    const fake = fakeClock();
    const heap = fakeHeap();
    let calls = 0;
    const slow = (): void => {
      calls += 1;
      fake.spend(3e9);
    };
    await expect(measureRetention(slow, { probe: heap.probe, clock: fake.clock, maxTimeMs: 1000, stretchToMs: 4000 })).rejects.toThrow(
      /measureRetention: not enough time for a verdict: .* one call 3000 ms; .*needs about 127100 ms, and the cap is 4000 ms; set maxTimeMs: 127100/,
    );
    expect(calls).toBe(1);
  });

  it('stops a 50 MB per call leak after two heap checks, far from the heap limit, with the growth it saw', async () => {
    const heap = fakeHeap({ limitBytes: 4e9 });
    let calls = 0;
    const result = await measureRetention(
      () => {
        calls += 1;
        heap.retain(50e6);
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    expect(result.stoppedBy).toBe('memory');
    expect(calls).toBe(7);
    expect(result.first.calls).toBe(3);
    expect(result.last.calls).toBe(7);
    expect(result.growthBytes).toBe(200e6);
    expect(result.bytesPerCall).toBe(50e6);
    expect(retentionExceeds(result, 0)).toBe(true);
  });

  it('builds the inputs of a sized workload one call at a time', async () => {
    const heap = fakeHeap();
    const order: string[] = [];
    const workload = sized(
      (n: number) => {
        order.push('setup');
        return n;
      },
      () => {
        order.push('run');
      },
    );
    const result = await measureRetention(workload, { n: 1_000_000, probe: heap.probe, clock: fakeClock().clock, calls: 10 });
    expect(result.first.calls).toBe(10);
    expect(order).toHaveLength(2 * 30);
    expect(order.join(' ')).toBe(Array.from({ length: 30 }, () => 'setup run').join(' '));
  });

  it('gives up on a promise that never settles once maxTimeMs has passed, naming the label', async () => {
    const heap = fakeHeap();
    const never = (): Promise<never> => new Promise<never>(() => undefined);
    await expect(measureRetention(never, { probe: heap.probe, maxTimeMs: 30, label: 'toRetainAtMost' })).rejects.toThrow(
      /^toRetainAtMost: the measured call had not settled after \d+ ms/,
    );
  });

  it('rethrows the very error the function throws', async () => {
    const heap = fakeHeap();
    const failure = new Error('boom');
    await expect(
      measureRetention(() => {
        throw failure;
      }, { probe: heap.probe }),
    ).rejects.toBe(failure);
  });
});
