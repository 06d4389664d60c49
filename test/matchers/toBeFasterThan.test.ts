import { afterEach, describe, expect, test } from 'vitest';
import { configure } from '../../src/config/configure.js';
import { sized } from '../../src/engine/workload.js';
import { toBeFasterThan } from '../../src/matchers/toBeFasterThan.js';
import { failureMessage } from '../fixtures/failureMessage.js';
import { useFakeEngineClock } from '../fixtures/useFakeEngineClock.js';

const fake = useFakeEngineClock();

afterEach(() => {
  configure({ maxTimeMs: undefined, clock: undefined });
});

const messageOf = failureMessage;

const fast = (): void => fake.spend(50_000);
const slow = (): void => fake.spend(100_000);

describe('toBeFasterThan', () => {
  test('passes a 2× faster function, by 1.5 too, and fails it by 3', async () => {
    await expect(fast).toBeFasterThan(slow);
    await expect(fast).toBeFasterThan(slow, { by: 1.5 });
    expect(await messageOf(expect(fast).toBeFasterThan(slow, { by: 3 }))).toContain('Received: 2.00× faster');
    expect(await messageOf(expect(slow).toBeFasterThan(fast))).toContain('Received: 0.500× (slower: the reference is 2.00× faster)');
  });

  test('works with .not', async () => {
    await expect(slow).not.toBeFasterThan(fast);
    await expect(fast).not.toBeFasterThan(slow, { by: 3 });
    const message = await messageOf(expect(fast).not.toBeFasterThan(slow, { by: 1.5 }));
    expect(message).toContain('Expected: not at least 1.50× faster than the reference');
    expect(message).toContain('the received function is 2.00× faster, so it is at least 1.50× faster');
  });

  test('explains a failure in the common layout, with both distributions and the ratio’s interval', async () => {
    let call = 0;
    const received = (): void => fake.spend(++call % 7 === 0 ? 95_000 : 80_000, 85_000);
    const message = await messageOf(expect(received).toBeFasterThan(slow, { by: 1.5 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(received).toBeFasterThan(reference)

      Expected: at least 1.50× faster than the reference (median of paired CPU-time speedups, reference ÷ received)
      Received: 1.22× faster (one-sided bounds: upper 1.25× at 99.5%)

        CPU time per call      min   median      p95      max
        received           80.0 µs  81.9 µs  83.8 µs  83.8 µs
        reference           100 µs   100 µs   100 µs   100 µs
        speedup per pair     1.19×    1.22×    1.25×    1.25×

      Measured: 8 pairs × 4 calls each, interleaved in random order, cpu clock (sync), warm-up 548 calls in 53.9 ms, 59.8 ms in all, CPU/wall 0.98, no contention seen
      Rerun:    { by: 1.5, clock: 'cpu', maxTimeMs: 1000 }
      Hint:     the received function is faster, but by 1.22×, not 1.50×
                each sample timed 4 consecutive calls of one function (one call is too short to time alone)"
    `);
  });

  test('says so when the verdict is inconclusive', async () => {
    const message = await messageOf(expect(fast).toBeFasterThan(slow, { by: 2.05 }));
    expect(message).toContain('Verdict:  inconclusive: the speedup is within 5% of 2.05×, too close to tell apart; counted as not faster by 2.05×');
    expect(message).toContain('claim a speedup with headroom');
  });

  test('a near tie above the claim is not a pass: within 5% the estimate cannot say which side it is on', async () => {
    const message = await messageOf(expect(fast).toBeFasterThan(slow, { by: 1.95 }));
    expect(message).toContain('Verdict:  inconclusive: the speedup is within 5% of 1.95×, too close to tell apart; counted as not faster by 1.95×');
    await expect(fast).not.toBeFasterThan(slow, { by: 1.95 });
  });

  test('for a coding agent, a failure ends with one JSON block and the budget-is-the-specification line', async () => {
    process.env['PERFSPEC_OUTPUT'] = 'agent';
    try {
      const message = await messageOf(expect(fast).toBeFasterThan(slow, { by: 3 }));
      const match = /\n```json\n([\s\S]*)\n```\nThe budget is the specification: the fix belongs in the code, not in the budget\.$/.exec(message);
      expect(match).not.toBeNull();
      expect(JSON.parse(match?.[1] ?? '')).toEqual({
        matcher: 'toBeFasterThan',
        verdict: 'fail',
        metric: 'speedup',
        statistic: 'median paired cpu-time speedup',
        budget: { atLeast: 3, unit: '×' },
        measured: { value: 2, lower: null, upper: 2, unit: '×' },
        n: null,
        top: [],
        rerun: { by: 3, clock: 'cpu', maxTimeMs: 1000 },
      });
      process.env['PERFSPEC_OUTPUT'] = 'human';
      process.env['AI_AGENT'] = '1';
      expect(await messageOf(expect(fast).toBeFasterThan(slow, { by: 3 }))).not.toContain('```json');
    } finally {
      delete process.env['PERFSPEC_OUTPUT'];
      delete process.env['AI_AGENT'];
    }
    expect(await messageOf(expect(fast).toBeFasterThan(slow, { by: 3 }))).not.toContain('```json');
  });

  test('compares sized workloads at n, each call on a fresh input', async () => {
    const seen = new Set<number[]>();
    const fresh = (array: number[]): void => {
      if (seen.has(array) || array.length !== 1000) throw new Error('not a fresh input of size 1000');
      seen.add(array);
    };
    const setup = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
    const quick = sized(setup, (a) => (fresh(a), fake.spend(30_000)));
    const plodding = sized(setup, (a) => (fresh(a), fake.spend(90_000)));
    await expect(quick).toBeFasterThan(plodding, 1000);
    await expect(quick).toBeFasterThan(plodding, { n: 1000, by: 2.5 });
    await expect(plodding).not.toBeFasterThan(quick, 1000);
  });

  test('fails with the measured function’s own error', async () => {
    const boom = new Error('old parser failed');
    await expect(
      expect(fast).toBeFasterThan(() => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });

  describe('rejects misuse with a clear error', () => {
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['a value instead of a function', () => toBeFasterThan.call({}, 42, fast), /toBeFasterThan: received must be a function/],
      ['a value as the reference', () => toBeFasterThan.call({}, fast, 42), /toBeFasterThan: reference must be a function \(sync or async\) to compare with[\s\S]*Received: number 42/],
      ['a sized reference for a function', () => toBeFasterThan.call({}, fast, sized((n) => n, () => 1)), /reference must be a function when received is a function/],
      ['a function reference for a sized workload', () => toBeFasterThan.call({}, sized((n) => n, () => 1), fast, 10), /reference must be a sized workload from sized\(setup, run\) when received is one/],
      ['sized workloads without n', () => toBeFasterThan.call({}, sized((n) => n, () => 1), sized((n) => n, () => 1)), /toBeFasterThan: n must be given for a sized workload/],
      ['a zero by', () => toBeFasterThan.call({}, fast, slow, { by: 0 }), /options.by must be a positive finite number[\s\S]*Received: number 0/],
      ['a string by', () => toBeFasterThan.call({}, fast, slow, { by: '2x' }), /options.by must be a positive finite number[\s\S]*Received: string '2x'/],
      ['an unknown option', () => toBeFasterThan.call({}, fast, slow, { delta: 0.1 }), /keys among n, by, clock, maxTimeMs[\s\S]*unknown option "delta"/],
      ['an unknown clock', () => toBeFasterThan.call({}, fast, slow, { clock: 'gpu' }), /options.clock must be one of 'auto', 'cpu', 'wall'/],
    ];
    test.each(cases)('%s', async (_name, attempt, message) => {
      await expect(attempt()).rejects.toThrow(message);
      await expect(attempt()).rejects.toBeInstanceOf(TypeError);
    });
  });
});
