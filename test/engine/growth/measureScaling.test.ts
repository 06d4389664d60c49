import { describe, expect, it } from 'vitest';
import { measureScaling } from '../../../src/engine/growth/measureScaling.js';
import { opsMetric, countOp } from '../../../src/engine/growth/metrics/opsMetric.js';
import { scaleMetrics } from '../../../src/engine/growth/metrics/scaleMetrics.js';
import type { Workload } from '../../../src/engine/workload.js';
import { fakeClock } from '../../fixtures/fakeClock.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

type Fake = ReturnType<typeof fakeClock>;
/** A sized workload on the fake clock: setup costs setupNs(n), a call callNs(n); every call is logged with its n. */
function fakeWorkload(fake: Fake, callNs: (n: number) => number, setupNs: (n: number) => number = () => 0) {
  const calls: number[] = [];
  const at = (n: number): Workload => ({
    prepare: () => (fake.spend(setupNs(n)), n),
    call: (input) => {
      calls.push(input as number);
      fake.spend(callNs(input as number));
    },
  });
  return { at, calls };
}
const options = (fake: Fake, extra: Partial<Parameters<typeof measureScaling>[1]> = {}) => ({
  metric: scaleMetrics.time,
  samples: 9,
  maxTimeMs: 2000,
  clock: fake.clock,
  random: seededRandom(1),
  ...extra,
});

describe('measureScaling', () => {
  it('grows sizes by √2 from 1 until a call takes a share of the cap (16.7 ms at 2 s and 9 samples), keeping every other size within 128× of the largest', async () => {
    const fake = fakeClock();
    const { at } = fakeWorkload(fake, (n) => 1000 * n);
    const result = await measureScaling(at, options(fake));
    expect(result.sizing).toBe('target');
    expect(result.targetCallNs).toBeCloseTo(2000e6 / 40 / 3, 0);
    expect(result.sizes.map((s) => s.n)).toEqual([132, 264, 528, 1056, 2111, 4221, 8441, 16881]);
    expect(result.sizes.every((s) => s.values.length === 9)).toBe(true);
    expect(result.sizes.at(-1)?.callNs).toBeGreaterThanOrEqual(result.targetCallNs);
  });

  it('goes on past the target while the growth at the top is not steady (a step just crossed)', async () => {
    const fake = fakeClock();
    // 1 µs per item below n = 10 000, 2.5 µs above: the first size past the target (n = 11 937) sits just above
    // the step, so the sizes grow on until the local exponents over the last two doublings agree again.
    const { at } = fakeWorkload(fake, (n) => (n < 10_000 ? 1000 : 2500) * n);
    const result = await measureScaling(at, options(fake));
    expect(result.sizing).toBe('target');
    expect(result.sizes.at(-1)?.n).toBeGreaterThan(11_937);
    expect(result.elapsedNs).toBeLessThanOrEqual(2000e6);
  });

  it('judges time outside gc pauses, and keeps each sample\'s pauses: a linear workload whose collections grow with n stays linear', async () => {
    const fake = fakeClock();
    const at = (n: number): Workload => ({ call: () => (fake.spend(1000 * n), fake.pause(n * n)) });
    const result = await measureScaling(at, options(fake, { sizes: [100, 200, 400, 800, 1600] }));
    expect(result.sizes.map((s) => s.values[0])).toEqual([100_000, 200_000, 400_000, 800_000, 1_600_000]);
    expect(result.sizes.map((s) => (s.sampleGcNs[0] as number) / s.calls)).toEqual([10_000, 40_000, 160_000, 640_000, 2_560_000]);
    // Contention stretches the pause on the wall clock as much as the work: the share of wall time is taken off the CPU clock.
    const stretched = fakeClock();
    const slow = (n: number): Workload => ({ call: () => (stretched.spend(1000 * n, 2000 * n), stretched.pause(1000 * n)) });
    const loaded = await measureScaling(slow, options(stretched, { sizes: [100, 200, 400, 800] }));
    // CPU 2 000·n (1 000·n of it the pause), wall 3 000·n: a third of the wall time paused, so a third off the CPU clock.
    loaded.sizes.forEach((s) => expect(s.values[0]).toBeCloseTo((2 / 3) * 2000 * s.n, 6));
  });

  it('batches short calls so each sample lasts at least 100 µs, and reports time per call', async () => {
    const fake = fakeClock();
    const { at } = fakeWorkload(fake, (n) => 1000 * n);
    const result = await measureScaling(at, options(fake, { sizes: [10, 20, 40, 80, 160] }));
    expect(result.sizes.map((s) => s.calls)).toEqual([13, 7, 4, 2, 1]);
    expect(result.sizes.map((s) => s.values[0])).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it('never times setup', async () => {
    const fake = fakeClock();
    const { at } = fakeWorkload(fake, () => 50_000, (n) => 1000 * n);
    const result = await measureScaling(at, options(fake, { sizes: [10, 20, 40, 80] }));
    expect(result.sizes.flatMap((s) => s.values).every((v) => v === 50_000)).toBe(true);
    expect(result.sizes.map((s) => s.setupNs)).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  it('visits every size once per round, in a fresh random order each round, after a discarded warm-up round', async () => {
    const fake = fakeClock();
    const { at, calls } = fakeWorkload(fake, () => 200_000);
    const sizes = [10, 20, 30, 40, 50];
    await measureScaling(at, options(fake, { sizes, samples: 6 }));
    // Two probe calls per size come first; then 7 rounds (warm-up + 6) of one call per size.
    const rounds = calls.slice(2 * sizes.length);
    expect(rounds).toHaveLength(7 * sizes.length);
    const orders = Array.from({ length: 7 }, (_, r) => rounds.slice(r * 5, r * 5 + 5));
    for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual(sizes);
    expect(new Set(orders.map((o) => o.join())).size).toBeGreaterThan(3);
  });

  it('keeps within the time cap: sampling stops when the next sample would cross it', async () => {
    const fake = fakeClock();
    const { at } = fakeWorkload(fake, (n) => 1e6 * n);
    const result = await measureScaling(at, options(fake, { sizes: [10, 20, 30, 40], maxTimeMs: 1000 }));
    expect(result.sizing).toBe('given');
    expect(result.sampling).toBe('time-cap');
    expect(result.elapsedNs).toBeLessThanOrEqual(1000e6);
    expect(result.sizes.some((s) => s.values.length < 9)).toBe(true);
  });

  it('stops an exponential function before a call that would outlast the remaining budget', async () => {
    const fake = fakeClock();
    const { at, calls } = fakeWorkload(fake, (n) => 100 * 2 ** n);
    // A target above any call it reaches, so that only the budget can end the sizes.
    const result = await measureScaling(at, options(fake, { targetCallNs: 1e9 }));
    expect(result.sizing).toBe('over-budget');
    expect(result.stoppedAt?.predicted).toBe(true);
    expect(Math.max(...calls)).toBeLessThan(result.stoppedAt?.n ?? 0);
    expect(result.elapsedNs).toBeLessThan(2000e6);
    expect(result.sizes.map((s) => s.n)).toEqual([1, 2, 3, 4, 6, 8, 11, 16]);
  });

  it('goes on choosing sizes while the next one and the sampling they need fit the cap, though building inputs used over a third of it', async () => {
    const fake = fakeClock();
    // Each size's input is built once (60 ns an item, then cached, as a test's own cache of large arrays), and a
    // call is 0.2 ms plus 3 ns an item: the builds alone pass 35% of the cap (the former fixed share of probing)
    // before a call reaches the target.
    const built = new Set<number>();
    const at = (n: number): Workload => ({
      prepare: () => (built.has(n) ? undefined : (built.add(n), fake.spend(60 * n))),
      call: () => fake.spend(200_000 + 3 * n),
    });
    const result = await measureScaling(at, options(fake, { maxSize: 2 ** 23 }));
    expect(result.sizing).toBe('target');
    expect(result.sizes.at(-1)?.n).toBe(6_111_549);
    expect(result.sampling).toBe('complete');
    expect(result.elapsedNs).toBeLessThanOrEqual(2000e6);
  });

  it('probes the last size again before one slow probe ends the sizes', async () => {
    const fake = fakeClock();
    // 100 ns an item, but the first two calls at n = 5 969 take 10× as long (a gc or a recompile landing there):
    // extrapolated, the next size would outlast the budget.
    const seen = new Map<number, number>();
    const at = (n: number): Workload => ({
      call: () => {
        const count = (seen.get(n) ?? 0) + 1;
        seen.set(n, count);
        fake.spend(100 * n * (n === 5969 && count <= 2 ? 10 : 1));
      },
    });
    const result = await measureScaling(at, options(fake));
    expect(result.sizing).toBe('target');
    expect(result.sizes.at(-1)?.n).toBeGreaterThan(5969);
  });

  it('stops at the size cap when calls never reach the target', async () => {
    const fake = fakeClock();
    const { at } = fakeWorkload(fake, () => 30_000);
    const result = await measureScaling(at, options(fake, { maxSize: 50_000 }));
    expect(result.sizing).toBe('max-size');
    expect(result.sizes.at(-1)?.n).toBe(47_747);
  });

  it('stops past n = 1 024 while calls stay under 20 µs, where cache misses would outweigh the work', async () => {
    const fake = fakeClock();
    const { at } = fakeWorkload(fake, (n) => 1000 + n);
    const result = await measureScaling(at, options(fake));
    expect(result.sizing).toBe('short-calls');
    expect(result.sizes.at(-1)?.n).toBe(1056);
  });

  it('does not stop on the target before eight sizes: the first calls may be cold', async () => {
    const fake = fakeClock();
    const { at } = fakeWorkload(fake, () => 20e6);
    const result = await measureScaling(at, options(fake));
    expect(result.sizing).toBe('target');
    expect(result.sizes.map((s) => s.n)).toEqual([1, 2, 3, 4, 6, 8, 11, 16]);
  });

  it('abandons a call that never settles and reports it, without hanging', async () => {
    const fake = fakeClock();
    const at = (n: number): Workload => ({ call: () => (n >= 8 ? new Promise(() => {}) : Promise.resolve(fake.spend(1000))) });
    const result = await measureScaling(at, options(fake, { maxTimeMs: 30 }));
    expect(result.sizing).toBe('call-timeout');
    expect(result.stoppedAt?.n).toBe(8);
    expect(result.async).toBe(true);
    expect(result.clock).toBe('wall');
  });

  it('batches a deterministic metric like time and counts the calls\' operations only, never the setup\'s', async () => {
    const fake = fakeClock();
    const at = (n: number): Workload => ({
      prepare: () => (countOp(1000), n),
      call: (input) => {
        countOp(3 * (input as number));
        fake.spend(100);
      },
    });
    const result = await measureScaling(at, options(fake, { metric: opsMetric, samples: 3, sizes: [1, 2, 3, 4] }));
    expect(result.sizes.map((s) => s.calls)).toEqual([1250, 1250, 1250, 1250]);
    expect(result.sizes.map((s) => s.values)).toEqual([[3, 3, 3], [6, 6, 6], [9, 9, 9], [12, 12, 12]]);
  });
});
