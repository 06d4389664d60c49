import { describe, expect, it } from 'vitest';
import { measureAllocation } from '../../../src/engine/heap/measureAllocation.js';
import { sized } from '../../../src/engine/workload.js';
import { fakeClock } from '../../fixtures/fakeClock.js';
import { fakeHeap } from '../../fixtures/fakeHeap.js';

describe('measureAllocation on a fake heap', () => {
  it('measures what one call allocates, the reading cost subtracted as the empty-function baseline', async () => {
    const heap = fakeHeap({ readCostBytes: 200 });
    const result = await measureAllocation(() => heap.allocate(1000), { probe: heap.probe, clock: fakeClock().clock });
    expect(result.bytesPerCall).toBe(1000);
    expect(result.heapBytesPerCall).toBe(1000);
    expect(result.externalBytesPerCall).toBe(0);
    expect(result.baselineBytes).toBe(200);
    expect(result.samples.map((s) => s.heapBytes)).toEqual([1200, 1200, 1200, 1200, 1200]);
    expect(result.spreadBytes).toBe(0);
    expect(result.warmupCalls).toBe(100);
    expect(result.stoppedBy).toBe('calls');
    expect(result.async).toBe(false);
    // Two samples of an empty function to learn what a sample costs; one full gc after warm-up; then a minor gc
    // before each measured call and each baseline call.
    expect(heap.collections()).toEqual({ forced: 1, young: 12, automatic: 0 });
  });

  it('in a large heap, where a walk for compiled code is slow, reads the code spaces instead and stays exact', async () => {
    const fake = fakeClock();
    const heap = fakeHeap({ readCostBytes: 200, codeWalkCost: { clock: fake, ns: 40e6 } });
    let calls = 0;
    const result = await measureAllocation(
      () => {
        heap.allocate(1000);
        // The JIT compiles during one measured call: its code is not the function's allocation.
        if (++calls === 103) heap.setCodeBytes(5000);
      },
      { probe: heap.probe, clock: fake.clock },
    );
    expect(result.codeReads).toBe('spaces');
    expect(result.bytesPerCall).toBe(1000);
    expect(result.samples.map((s) => s.compiledBytes)).toEqual([0, 0, 5000, 0, 0]);
    expect(result.samples.map((s) => s.heapBytes)).toEqual([1200, 1200, 1200, 1200, 1200]);
    // Only the one walk that timed it.
    expect(heap.codeWalks()).toBe(1);
  });

  it('keeps the exact heap walk where it is cheap', async () => {
    const fake = fakeClock();
    const heap = fakeHeap({ readCostBytes: 200, codeWalkCost: { clock: fake, ns: 1e6 } });
    const result = await measureAllocation(() => heap.allocate(1000), { probe: heap.probe, clock: fake.clock });
    expect(result.codeReads).toBe('walk');
    expect(result.bytesPerCall).toBe(1000);
    // The timing walk, two for each of the two timing samples, and two for each of the 5 calls and 5 baselines.
    expect(heap.codeWalks()).toBe(1 + 4 + 20);
  });

  it('adds what gcs during the call reclaimed: 10 MiB in 64 KiB pieces through a 1 MiB young generation', async () => {
    const heap = fakeHeap({ youngLimitBytes: 1024 * 1024 });
    const result = await measureAllocation(
      () => {
        for (let i = 0; i < 160; i++) heap.allocate(64 * 1024);
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    expect(result.bytesPerCall).toBe(10 * 1024 * 1024);
    expect(result.gcsPerCall).toBe(10);
  });

  it('uses the cumulative allocated-bytes counter when the heap has one (here the gc reports are useless)', async () => {
    const heap = fakeHeap({ counter: true, reportsReclaimed: false, youngLimitBytes: 1024 * 1024 });
    const result = await measureAllocation(
      () => {
        for (let i = 0; i < 160; i++) heap.allocate(64 * 1024);
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    expect(result.bytesPerCall).toBe(10 * 1024 * 1024);
  });

  it('counts ArrayBuffer memory outside the heap', async () => {
    const heap = fakeHeap();
    const result = await measureAllocation(
      () => {
        heap.allocate(184);
        heap.allocateExternal(800_000);
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    expect(result.bytesPerCall).toBe(800_184);
    expect(result.externalBytesPerCall).toBe(800_000);
    expect(result.externalPartial).toBe(false);
  });

  it('measures in steady state: a function that stops allocating once optimized measures 0 after the default warm-up', async () => {
    const heap = fakeHeap();
    let calls = 0;
    const tieringUp = (): void => {
      calls += 1;
      if (calls <= 60) heap.allocate(5600);
    };
    const result = await measureAllocation(tieringUp, { probe: heap.probe, clock: fakeClock().clock });
    expect(result.bytesPerCall).toBe(0);

    calls = 0;
    const early = await measureAllocation(tieringUp, { probe: heap.probe, clock: fakeClock().clock, warmupCalls: 10 });
    expect(early.bytesPerCall).toBe(5600);
  });

  it('keeps measuring (up to 3× calls) while calls disagree, and judges the median of the last ones', async () => {
    const heap = fakeHeap();
    let calls = 0;
    const alternating = (): void => heap.allocate((calls += 1) % 2 === 0 ? 200 : 100);
    const result = await measureAllocation(alternating, { probe: heap.probe, clock: fakeClock().clock, warmupCalls: 1 });
    expect(result.samples).toHaveLength(15);
    expect(result.spreadBytes).toBe(100);
    // One warm-up call, then calls 2–16 measured; the last five are calls 12–16: 12, 14, 16 allocate 200, 13 and 15 100.
    expect(result.bytesPerCall).toBe(200);
  });

  it('does not count what setup builds for a sized workload', async () => {
    const heap = fakeHeap();
    const workload = sized(
      (n) => {
        heap.retain(n * 8);
        return n;
      },
      (n: number) => heap.allocate(n * 16),
    );
    const result = await measureAllocation(workload, { n: 1000, probe: heap.probe, clock: fakeClock().clock });
    expect(result.bytesPerCall).toBe(16_000);
  });

  it('awaits async functions and subtracts an async baseline', async () => {
    const heap = fakeHeap();
    const result = await measureAllocation(
      async () => {
        await Promise.resolve();
        heap.allocate(300);
      },
      { probe: heap.probe, clock: fakeClock().clock },
    );
    expect(result.bytesPerCall).toBe(300);
    expect(result.async).toBe(true);
  });

  it('rethrows the very error the function throws, in warm-up or while measured', async () => {
    const heap = fakeHeap();
    const failure = new RangeError('bad input');
    await expect(measureAllocation(() => { throw failure; }, { probe: heap.probe })).rejects.toBe(failure);
    let calls = 0;
    const later = (): void => {
      if ((calls += 1) > 100) throw failure;
    };
    await expect(measureAllocation(later, { probe: heap.probe, clock: fakeClock().clock })).rejects.toBe(failure);
  });

  it('refuses a measurement where the heap shrank during the calls, rather than report a number', async () => {
    const heap = fakeHeap();
    await expect(measureAllocation(() => heap.retain(-10_000), { probe: heap.probe, clock: fakeClock().clock })).rejects.toThrow(
      /allocation measurement unusable: the heap shrank by 10000 B per call/,
    );
  });

  it('measures every planned call or none: a cap too short for them fails with the measured reason and the cap that would do', async () => {
    const heap = fakeHeap();
    const fake = fakeClock();
    const slow = (): void => {
      fake.spend(300e6);
      heap.allocate(1000);
    };
    // One warm-up call (300 ms), then 5 × 300 ms of measured calls in 85% of the cap: 2 065 ms, a fifth more, rounded up.
    await expect(measureAllocation(slow, { probe: heap.probe, clock: fake.clock, maxTimeMs: 1000, label: 'toAllocateAtMost' })).rejects.toThrow(
      /^toAllocateAtMost: not enough time for 5 measured calls: .* and one call 300 ms; they need about 2500 ms, and the cap is 1000 ms; set maxTimeMs: 2500$/,
    );
    const stretched = await measureAllocation(slow, { probe: heap.probe, clock: fake.clock, maxTimeMs: 1000, stretchToMs: 4000 });
    expect(stretched.capMs).toBe(2500);
    expect(stretched.samples).toHaveLength(5);
    expect(stretched.stoppedBy).toBe('calls');
    expect(stretched.bytesPerCall).toBe(1000);
  });

  it('plans from what a sample costs in this process: a 250 MB heap whose minor gc and heap walks take 150 ms', async () => {
    const fake = fakeClock();
    const heap = fakeHeap({ gcCost: { clock: fake, fullNs: 200e6, minorNs: 150e6 } });
    const call = (): void => {
      fake.spend(1e5);
      heap.allocate(46_592);
    };
    // Before: warm-up took 30% of the cap and one measured call fit ("median of 1"). Now the 5 planned calls get
    // their time first: 5 × 2 × 150 ms in 85% of the cap, after 30% for warm-up and one sample to learn the cost,
    // is (150 + 1764.7) / 0.7 ms: the default cap stretches to 2.8 s, and warm-up makes its 100 calls.
    const result = await measureAllocation(call, { probe: heap.probe, clock: fake.clock, maxTimeMs: 1000, stretchToMs: 4000 });
    expect(result.samples).toHaveLength(5);
    expect(result.warmupCalls).toBe(100);
    expect(result.bytesPerCall).toBe(46_592);
    expect(result.capMs).toBe(2800);
    expect(result.elapsedMs).toBeLessThanOrEqual(result.capMs);
  });

  it('gives up on a promise that never settles once maxTimeMs has passed, with an explicit error', async () => {
    const heap = fakeHeap();
    const never = (): Promise<never> => new Promise<never>(() => undefined);
    await expect(measureAllocation(never, { probe: heap.probe, maxTimeMs: 30, label: 'toAllocateAtMost' })).rejects.toThrow(
      /^toAllocateAtMost: the measured call had not settled after \d+ ms/,
    );
  });

  it('rejects what is neither a function nor a sized workload', async () => {
    await expect(measureAllocation(42 as unknown as () => unknown)).rejects.toThrow(TypeError);
  });
});
