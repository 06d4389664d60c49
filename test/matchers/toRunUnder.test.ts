import { afterEach, describe, expect, test } from 'vitest';
import { configure } from '../../src/config/configure.js';
import { sized } from '../../src/engine/workload.js';
import { toRunUnder } from '../../src/matchers/toRunUnder.js';
import { failureMessage } from '../fixtures/failureMessage.js';
import { useFakeEngineClock } from '../fixtures/useFakeEngineClock.js';

const fake = useFakeEngineClock();

afterEach(() => {
  delete process.env['PERFSPEC_TIME_SCALE'];
  configure({ timeScale: undefined, maxTimeMs: undefined, statistic: undefined, clock: undefined });
});

const messageOf = failureMessage;

describe('toRunUnder', () => {
  test('passes a call under its budget and fails one over it', async () => {
    await expect(() => fake.spend(2e6)).toRunUnder(5);
    await expect(expect(() => fake.spend(8e6)).toRunUnder(5)).rejects.toThrow('median CPU time per call 8.00 ms');
  });

  test('works with .not', async () => {
    await expect(() => fake.spend(8e6)).not.toRunUnder(5);
    const message = await messageOf(expect(() => fake.spend(2e6)).not.toRunUnder(5));
    expect(message).toContain('Expected: median CPU time per call not under 5.00 ms');
    expect(message).toContain('the median is 0.400× the budget, so it does run under it');
  });

  test('explains a failure in the common layout', async () => {
    let call = 0;
    const message = await messageOf(expect(() => fake.spend(++call % 4 === 0 ? 9e6 : 8e6, 8.5e6)).toRunUnder(5));
    expect(message).toMatchInlineSnapshot(`
      "expect(received).toRunUnder(budgetMs)

      Expected: median CPU time per call under 5.00 ms
      Received: median CPU time per call 8.00 ms (one-sided 99.5% bounds 8.00 ms–9.00 ms), 1.60× the budget

        per call      min   median      p95      max
        cpu       8.00 ms  8.00 ms  9.00 ms  9.00 ms
        wall      8.50 ms  8.50 ms  8.50 ms  8.50 ms

      Measured: 8 samples × 1 call (8 calls), cpu clock (sync function), warm-up 7 calls in 59.5 ms, 128 ms in all, CPU/wall 0.97, no contention seen
      Rerun:    { statistic: 'median', clock: 'cpu', maxTimeMs: 1000 }
      Hint:     the median is 1.60× the budget: profile one call (node --cpu-prof) to see where the time goes"
    `);
  });

  test('measures a sized workload at n, on a fresh input per call', async () => {
    const inputs = new Set<number[]>();
    const workload = sized(
      (n) => Array.from({ length: n }, (_, i) => n - i),
      (array) => {
        if (inputs.has(array) || array[0] !== 1000) throw new Error('not a fresh input of size 1000');
        inputs.add(array);
        array.sort((a, b) => a - b);
        fake.spend(1e6);
      },
    );
    await expect(workload).toRunUnder(2, 1000);
    await expect(workload).toRunUnder(2, { n: 1000, statistic: 'p95' });
  });

  test('multiplies budgets by the time scale from configure() or PERFSPEC_TIME_SCALE', async () => {
    process.env['PERFSPEC_TIME_SCALE'] = '2';
    await expect(() => fake.spend(8e6)).toRunUnder(5);
    configure({ timeScale: 1 });
    await expect(() => fake.spend(8e6)).not.toRunUnder(5);
    configure({ timeScale: 4 });
    const message = await messageOf(expect(() => fake.spend(8e6)).not.toRunUnder(5));
    expect(message).toContain('Expected: median CPU time per call not under 20.0 ms (5 ms × timeScale 4)');
  });

  test('fails with the measured function’s own error', async () => {
    const boom = new Error('parse failed');
    await expect(
      expect(() => {
        throw boom;
      }).toRunUnder(5),
    ).rejects.toBe(boom);
    await expect(expect(async () => Promise.reject(boom)).toRunUnder(5)).rejects.toBe(boom);
  });

  test('says so when the verdict is inconclusive', async () => {
    const message = await messageOf(expect(() => fake.spend(5.1e6)).toRunUnder(5));
    expect(message).toContain('Verdict:  inconclusive: the estimate is within 5% of the budget; decided by the point estimate (over budget)');
    expect(message).toContain('leave ≥ 20% headroom');
  });

  describe('rejects misuse with a clear error', () => {
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['a value instead of a function', () => toRunUnder.call({}, 42, 5), /toRunUnder: received must be a function \(sync or async\) or a sized workload[\s\S]*Received: number 42/],
      ['a zero budget', () => toRunUnder.call({}, () => 1, 0), /toRunUnder: budgetMs must be a positive finite number[\s\S]*Received: number 0/],
      ['a string budget', () => toRunUnder.call({}, () => 1, '5'), /budgetMs must be a positive finite number[\s\S]*Received: string '5'/],
      ['an infinite budget', () => toRunUnder.call({}, () => 1, Infinity), /budgetMs must be a positive finite number[\s\S]*Received: number Infinity/],
      ['a sized workload without n', () => toRunUnder.call({}, sized((n) => n, () => 1), 5), /toRunUnder: n must be given for a sized workload[\s\S]*toRunUnder\(50, 10_000\)/],
      ['n for a plain function', () => toRunUnder.call({}, () => 1, 5, 100), /toRunUnder: n must be left out for a plain function/],
      ['a fractional n', () => toRunUnder.call({}, sized((n) => n, () => 1), 5, 1.5), /toRunUnder: n must be a positive integer[\s\S]*Received: number 1.5/],
      ['an unknown option', () => toRunUnder.call({}, () => 1, 5, { samples: 3 }), /keys among n, statistic, clock, maxTimeMs[\s\S]*unknown option "samples"/],
      ['an unknown statistic', () => toRunUnder.call({}, () => 1, 5, { statistic: 'p50' }), /options.statistic must be one of 'median', 'mean', 'p90', 'p95', 'p99'[\s\S]*Received: string 'p50'/],
      ['an unknown clock', () => toRunUnder.call({}, () => 1, 5, { clock: 'gpu' }), /options.clock must be one of 'auto', 'cpu', 'wall'/],
      ['a negative cap', () => toRunUnder.call({}, () => 1, 5, { maxTimeMs: -1 }), /options.maxTimeMs must be a positive finite number/],
    ];
    test.each(cases)('%s', async (_name, attempt, message) => {
      await expect(attempt()).rejects.toThrow(message);
      await expect(attempt()).rejects.toBeInstanceOf(TypeError);
    });

    test('an invalid PERFSPEC_TIME_SCALE', async () => {
      process.env['PERFSPEC_TIME_SCALE'] = 'fast';
      await expect(toRunUnder.call({}, () => 1, 5)).rejects.toThrow(/PERFSPEC_TIME_SCALE must be a positive number such as 2[\s\S]*Received: string 'fast'/);
    });

    test('an invalid configure()', () => {
      expect(() => configure({ timeScale: 0 })).toThrow(/configure: options.timeScale must be a positive finite number/);
      expect(() => configure({ speed: 2 } as never)).toThrow(/unknown option "speed"/);
    });
  });
});
