import { describe, expect, test, vi } from 'vitest';
import { judgeTime } from '../../../src/engine/time/judgeTime.js';
import { nativeClock } from '../../../src/engine/time/nativeClock.js';
import { fakeClock } from '../../fixtures/fakeClock.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

const idle = { loadPerCore: () => 0 };

describe('judgeTime on a fake clock', () => {
  test('passes a steady 100 µs call against 200 µs at the first look', async () => {
    const fake = fakeClock();
    const result = await judgeTime({ call: () => fake.spend(100_000) }, 200_000, { clock: fake.clock, ...idle });
    expect(result.verdict).toBe('pass');
    expect(result.pass).toBe(true);
    expect(result.estimateNs).toBe(100_000);
    expect(result.run.stoppedBy).toBe('decision');
    expect(result.run.looks).toBe(1);
    expect(result.run.samples).toHaveLength(8);
    expect(result.run.batchSize).toBe(1);
    // Warm-up lasts at least 30 ms of (fake) time: 300 calls of 100 µs, counting the first.
    expect(result.run.warmupCalls).toBe(300);
    expect(result.run.clock).toBe('cpu');
    expect(result.contention).toBeUndefined();
  });

  test('fails a steady 100 µs call against 50 µs', async () => {
    const fake = fakeClock();
    const result = await judgeTime({ call: () => fake.spend(100_000) }, 50_000, { clock: fake.clock, ...idle });
    expect(result.verdict).toBe('fail');
    expect(result.pass).toBe(false);
    expect(result.lowerNs).toBe(100_000);
  });

  test('batches calls shorter than 100 µs and reports per-call time', async () => {
    const fake = fakeClock();
    const result = await judgeTime({ call: () => fake.spend(1_000) }, 2_000, { clock: fake.clock, ...idle });
    expect(result.run.batchSize).toBe(125);
    expect(result.estimateNs).toBe(1_000);
    expect(result.verdict).toBe('pass');
  });

  test('calls an estimate within 5% of the budget inconclusive, decided by the estimate', async () => {
    const fake = fakeClock();
    const random = seededRandom(3);
    const work = (): void => fake.spend(100_000 * (1 + 0.01 * (random() - 0.5)));
    const under = await judgeTime({ call: work }, 103_000, { clock: fake.clock, ...idle });
    expect(under.verdict).toBe('inconclusive');
    expect(under.reason).toBe('near-budget');
    expect(under.pass).toBe(true);
    const over = await judgeTime({ call: work }, 97_000, { clock: fake.clock, ...idle });
    expect(over).toMatchObject({ verdict: 'inconclusive', reason: 'near-budget', pass: false });
  });

  test('stops at the time cap without a decision when noise hides the budget', async () => {
    const fake = fakeClock();
    const random = seededRandom(5);
    // Noise of ±80% around 10 ms against a 10.8 ms budget: 7 samples fit a 100 ms cap, too few for any look.
    const work = (): void => fake.spend(10e6 * (1 + 1.6 * (random() - 0.5)));
    const result = await judgeTime({ call: work }, 10.8e6, { clock: fake.clock, maxTimeMs: 100, ...idle });
    expect(result.run.stoppedBy).toBe('time-cap');
    expect(result.verdict).toBe('inconclusive');
    expect(result.reason).toBe('time-cap');
    expect(result.run.looks).toBe(0);
    expect(result.lowerNs).toBeUndefined();
  });

  test('judges on the warm-up batches when calls are too slow to leave time for more', async () => {
    const fake = fakeClock();
    const result = await judgeTime({ call: () => fake.spend(400e6) }, 100e6, { clock: fake.clock, maxTimeMs: 1000, ...idle });
    expect(result.run).toMatchObject({ stoppedBy: 'time-cap', fromWarmup: true, warmupCalls: 2 });
    expect(result.run.samples).toHaveLength(1);
    expect(result).toMatchObject({ verdict: 'inconclusive', reason: 'time-cap', pass: false, estimateNs: 400e6 });
  });

  test('judges a call longer than the cap on that one call', async () => {
    const fake = fakeClock();
    const result = await judgeTime({ call: () => fake.spend(2e9) }, 1e9, { clock: fake.clock, maxTimeMs: 1000, ...idle });
    expect(result.run.stoppedBy).toBe('single-call');
    expect(result.run.samples).toHaveLength(1);
    expect(result).toMatchObject({ verdict: 'inconclusive', reason: 'single-call', pass: false, estimateNs: 2e9 });
  });

  test('names contention when a sync workload had the CPU half the time, and still judges CPU time', async () => {
    const fake = fakeClock();
    const result = await judgeTime({ call: () => fake.spend(100_000, 200_000) }, 150_000, { clock: fake.clock, ...idle });
    expect(result.cpuWallRatio).toBe(0.5);
    expect(result.contention).toBe('the process had the CPU 50% of the wall time: other processes competed for it (judged on CPU time, which competition barely moves)');
    expect(result.verdict).toBe('pass');
  });

  test('judges async work on wall time and names a loaded machine', async () => {
    const fake = fakeClock();
    const call = async (): Promise<void> => fake.spend(10_000, 1_000_000);
    const result = await judgeTime({ call }, 2_000_000, { clock: fake.clock, loadPerCore: () => 1.5 });
    expect(result.run.async).toBe(true);
    expect(result.run.clock).toBe('wall');
    expect(result.estimateNs).toBe(1_000_000);
    expect(result.contention).toBe("the machine's load was 1.5 per core: queued work competed for the CPU (wall-clock times are inflated)");
  });

  test('honours an explicit clock', async () => {
    const fake = fakeClock();
    const result = await judgeTime({ call: () => fake.spend(100_000, 300_000) }, 200_000, { clock: fake.clock, clockMode: 'wall', ...idle });
    expect(result.run.clock).toBe('wall');
    expect(result.verdict).toBe('fail');
  });

  test('uses the requested statistic', async () => {
    const fake = fakeClock();
    let call = 0;
    // Every tenth call takes 10× as long: the median is 100 µs, the p95 1 ms.
    const work = (): void => fake.spend(++call % 10 === 0 ? 1_000_000 : 100_000);
    const median = await judgeTime({ call: work }, 500_000, { clock: fake.clock, ...idle });
    expect(median.verdict).toBe('pass');
    const p95 = await judgeTime({ call: work }, 500_000, { clock: fake.clock, statistic: 'p95', ...idle });
    expect(p95.verdict).toBe('fail');
  });

  test('rethrows the workload’s own error object', async () => {
    const fake = fakeClock();
    const boom = new Error('boom');
    let calls = 0;
    const work = (): void => {
      fake.spend(100_000);
      if (++calls === 5) throw boom;
    };
    await expect(judgeTime({ call: work }, 1e6, { clock: fake.clock, ...idle })).rejects.toBe(boom);
  });

  test('rethrows a rejection of an async workload', async () => {
    const boom = new Error('rejected');
    await expect(judgeTime({ call: () => Promise.reject(boom) }, 1e6, idle)).rejects.toBe(boom);
  });

  test('prepares a fresh input for every call, untimed', async () => {
    const fake = fakeClock();
    const seen = new Set<unknown>();
    const result = await judgeTime(
      {
        prepare: () => {
          fake.spend(5e6); // setup cost must not be judged
          return { id: seen.size };
        },
        call: (input) => {
          if (seen.has(input)) throw new Error('input reused');
          seen.add(input);
          fake.spend(100_000);
        },
      },
      200_000,
      { clock: fake.clock, ...idle },
    );
    expect(result.estimateNs).toBe(100_000);
    expect(result.verdict).toBe('pass');
  });
});

describe('judgeTime on the real clock', () => {
  test('abandons an async call that never settles, as a failure', async () => {
    const result = await judgeTime({ call: () => new Promise(() => undefined) }, 10e6, { maxTimeMs: 50, ...idle });
    expect(result).toMatchObject({ verdict: 'fail', pass: false, reason: 'call-timeout' });
    expect(result.run.samples[0]?.wallNs).toBeGreaterThanOrEqual(45e6);
  });

  test('is not fooled by fake timers: the clock was captured when the module loaded', async () => {
    vi.useFakeTimers({ toFake: ['performance', 'hrtime', 'Date', 'setTimeout'] });
    try {
      const frozen = process.hrtime.bigint();
      expect(process.hrtime.bigint()).toBe(frozen);
      const spin = (): number => {
        let x = 0;
        for (let i = 0; i < 200_000; i++) x += Math.sqrt(i);
        return x;
      };
      const result = await judgeTime({ call: spin }, 10e9, { maxTimeMs: 300, clock: nativeClock, ...idle });
      // Under fake timers performance.now() stands still; a measurement read from it would be 0.
      expect(result.estimateNs).toBeGreaterThan(1_000);
    } finally {
      vi.useRealTimers();
    }
  });
});
