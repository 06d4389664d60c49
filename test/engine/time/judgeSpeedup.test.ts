import { describe, expect, test } from 'vitest';
import { judgeSpeedup } from '../../../src/engine/time/judgeSpeedup.js';
import type { Workload } from '../../../src/engine/workload.js';
import { fakeClock } from '../../fixtures/fakeClock.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

const idle = { loadPerCore: () => 0 };

describe('judgeSpeedup on a fake clock', () => {
  test('a steady 2× speedup passes by 1.5 at the third look (18 pairs) and fails by 2.5 at the first', async () => {
    const fake = fakeClock();
    const fast: Workload = { call: () => fake.spend(50_000) };
    const slow: Workload = { call: () => fake.spend(100_000) };
    const passed = await judgeSpeedup(fast, slow, 1.5, { clock: fake.clock, ...idle });
    expect(passed).toMatchObject({ verdict: 'pass', speedup: 2, lower: 2, upper: 2, meetsClaim: true });
    // A pass spends a tenth of the error of a fail: 8 or 12 pairs cannot bound the median at 1 − 0.001/(j(j+1)).
    expect(passed.run).toMatchObject({ stoppedBy: 'decision', looks: 3, clock: 'cpu', async: false });
    expect(passed.run.pairs).toHaveLength(18);
    expect(passed.passAlpha).toBeCloseTo(0.001 / 12, 12);
    // Both batches of a pair have the same size: the larger calibrated one (the 50 µs call's).
    expect(passed.run.batchSize).toBe(passed.run.warmup.received.batchSize);
    expect(passed.run.batchSize).toBeGreaterThan(passed.run.warmup.reference.batchSize);
    expect(passed.run.pairs.every((p) => p.received.calls === passed.run.batchSize && p.reference.calls === passed.run.batchSize)).toBe(true);
    const failed = await judgeSpeedup(fast, slow, 2.5, { clock: fake.clock, ...idle });
    expect(failed).toMatchObject({ verdict: 'fail', speedup: 2, meetsClaim: false, upper: 2 });
    expect(failed.run).toMatchObject({ looks: 1 });
    expect(failed.run.pairs).toHaveLength(8);
  });

  test('a slower function fails "faster at all"', async () => {
    const fake = fakeClock();
    const result = await judgeSpeedup({ call: () => fake.spend(120_000) }, { call: () => fake.spend(100_000) }, 1, { clock: fake.clock, ...idle });
    expect(result.verdict).toBe('fail');
    expect(result.speedup).toBeCloseTo(100 / 120, 12);
  });

  test('a speedup within 5% of the claim is inconclusive, decided by the estimate', async () => {
    const fake = fakeClock();
    const fast: Workload = { call: () => fake.spend(50_000) };
    const slow: Workload = { call: () => fake.spend(100_000) };
    const justAbove = await judgeSpeedup(fast, slow, 1.96, { clock: fake.clock, ...idle });
    expect(justAbove).toMatchObject({ verdict: 'inconclusive', reason: 'near-threshold', meetsClaim: true });
    expect(justAbove.run.stoppedBy).toBe('decision');
    // Exactly at the claim is not above it: a tie (equal readings of a coarse clock) never reads as "faster".
    const atClaim = await judgeSpeedup(fast, slow, 2, { clock: fake.clock, ...idle });
    expect(atClaim).toMatchObject({ verdict: 'inconclusive', reason: 'near-threshold', meetsClaim: false });
    const justShort = await judgeSpeedup(fast, slow, 2.06, { clock: fake.clock, ...idle });
    expect(justShort).toMatchObject({ verdict: 'inconclusive', reason: 'near-threshold', meetsClaim: false });
  });

  test('equal functions with noise never pass "faster at all" (100 seeds)', async () => {
    const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
    for (let seed = 1; seed <= 100; seed++) {
      const fake = fakeClock();
      const random = seededRandom(seed);
      // Heavy-tailed noise: most calls within ±10%, one in ten up to 3× (preemption, gc).
      const noisy = (): void => fake.spend(100_000 * (random() < 0.1 ? 1 + 2 * random() : 0.9 + 0.2 * random()));
      const result = await judgeSpeedup({ call: noisy }, { call: noisy }, 1, { clock: fake.clock, seed, ...idle });
      verdicts[result.verdict] += 1;
    }
    expect(verdicts.pass).toBe(0);
    expect(verdicts.inconclusive + verdicts.fail).toBe(100);
  });

  test('interleaving cancels a drift that a back-to-back comparison would read as a speedup', async () => {
    const fake = fakeClock();
    // The machine slows down steadily (thermal throttling, a growing competitor): cost rises 1% per ms of time.
    let nowNs = 0;
    const drifting = (costNs: number) => (): void => {
      const cost = costNs * (1 + nowNs / 1e8);
      nowNs += cost;
      fake.spend(cost);
    };
    const result = await judgeSpeedup({ call: drifting(100_000) }, { call: drifting(100_000) }, 1, { clock: fake.clock, maxTimeMs: 400, ...idle });
    expect(result.verdict).not.toBe('pass');
    expect(result.speedup).toBeGreaterThan(0.97);
    expect(result.speedup).toBeLessThan(1.03);
    // Warm-up ran the received function first: on its own that drift would make the reference look slower.
    const receivedWarm = result.run.warmup.received.samples.map((s) => s.cpuNs / s.calls);
    const referenceWarm = result.run.warmup.reference.samples.map((s) => s.cpuNs / s.calls);
    expect(Math.min(...referenceWarm) / Math.max(...receivedWarm)).toBeGreaterThan(1.05);
  });

  test('the order within pairs is random, and the same for the same seed', async () => {
    const orders: boolean[][] = [];
    for (const seed of [7, 7, 8]) {
      const fake = fakeClock();
      const result = await judgeSpeedup({ call: () => fake.spend(50_000) }, { call: () => fake.spend(100_000) }, 1.5, { clock: fake.clock, seed, ...idle });
      orders.push(result.run.pairs.map((p) => p.receivedFirst));
    }
    expect(orders[0]).toEqual(orders[1]);
    expect(orders[0]).not.toEqual(orders[2]);
    expect(orders[0]).toContain(true);
    expect(orders[0]).toContain(false);
  });

  test('judges CPU time, so contention that inflates wall time does not change the verdict', async () => {
    const fake = fakeClock();
    const random = seededRandom(11);
    const loaded = (cpuNs: number) => (): void => fake.spend(cpuNs, cpuNs * (1 + 3 * random()));
    const result = await judgeSpeedup({ call: loaded(50_000) }, { call: loaded(100_000) }, 1.5, { clock: fake.clock, ...idle });
    expect(result).toMatchObject({ verdict: 'pass', speedup: 2 });
    expect(result.cpuWallRatio).toBeLessThan(0.8);
    expect(result.contention).toMatch(/other processes competed/);
  });

  test('async work is judged on wall time', async () => {
    const fake = fakeClock();
    const result = await judgeSpeedup(
      { call: async () => fake.spend(1_000, 50_000) },
      { call: async () => fake.spend(1_000, 150_000) },
      2,
      { clock: fake.clock, ...idle },
    );
    expect(result.run).toMatchObject({ clock: 'wall', async: true });
    expect(result.verdict).toBe('pass');
    expect(result.speedup).toBeCloseTo(3, 12);
  });

  test('ends inconclusive at the time cap when noise hides the claim', async () => {
    const fake = fakeClock();
    const random = seededRandom(5);
    const noisy = (costNs: number) => (): void => fake.spend(costNs * (0.2 + 1.6 * random()));
    const result = await judgeSpeedup({ call: noisy(1e6) }, { call: noisy(1.3e6) }, 1.2, { clock: fake.clock, maxTimeMs: 100, ...idle });
    expect(result).toMatchObject({ verdict: 'inconclusive', reason: 'time-cap' });
    expect(result.run.stoppedBy).toBe('time-cap');
    expect(result.run.elapsedNs).toBeLessThanOrEqual(100e6);
  });

  test('a call longer than its share of the cap is compared on one call each', async () => {
    const fake = fakeClock();
    const result = await judgeSpeedup({ call: () => fake.spend(100e6) }, { call: () => fake.spend(300e6) }, 2, { clock: fake.clock, maxTimeMs: 200, ...idle });
    expect(result).toMatchObject({ verdict: 'inconclusive', reason: 'single-call', meetsClaim: true });
    expect(result.speedup).toBeCloseTo(3, 12);
    expect(result.run.pairs).toHaveLength(1);
  });

  test('a hung call fails without an interval, naming which function hung', async () => {
    const fake = fakeClock();
    const result = await judgeSpeedup({ call: () => fake.spend(100_000) }, { call: () => new Promise(() => undefined) }, 1, { clock: fake.clock, maxTimeMs: 30, ...idle });
    expect(result).toMatchObject({ verdict: 'fail', reason: 'call-timeout' });
    expect(result.run.timedOut).toBe('reference');
  });

  test('a CPU clock that resolves no batch gives an inconclusive verdict that never passes', async () => {
    const fake = fakeClock();
    const frozen: Workload = { call: () => fake.spend(0, 100_000) };
    const result = await judgeSpeedup(frozen, { call: () => fake.spend(0, 200_000) }, 1, { clock: fake.clock, clockMode: 'cpu', maxTimeMs: 200, ...idle });
    expect(result).toMatchObject({ verdict: 'inconclusive', reason: 'unmeasured', meetsClaim: false });
  });

  test('errors of either workload propagate unchanged', async () => {
    const fake = fakeClock();
    const boom = new Error('boom');
    const throwing: Workload = {
      call: () => {
        throw boom;
      },
    };
    await expect(judgeSpeedup({ call: () => fake.spend(1e5) }, throwing, 1, { clock: fake.clock, ...idle })).rejects.toBe(boom);
  });
});
