import { afterEach, describe, expect, test } from 'vitest';
import { configure, currentSettings } from '../../src/config/configure.js';
import { settleVerdict } from '../../src/config/settleVerdict.js';
import { sized } from '../../src/engine/workload.js';
import { matchers } from '../../src/matchers/matchers.js';
import { failureMessage } from '../fixtures/failureMessage.js';
import { useFakeEngineClock } from '../fixtures/useFakeEngineClock.js';

const fake = useFakeEngineClock();

afterEach(() => {
  delete process.env['PERFSPEC_INCONCLUSIVE'];
  configure({ inconclusive: undefined, maxTimeMs: undefined });
});

const rejection = failureMessage;

const words = { matcher: 'toRunUnder', message: () => 'the message', why: () => 'the cap ended sampling', remedy: () => 'raise maxTimeMs' };

describe('settleVerdict, the inconclusive policy', () => {
  test("defaults to 'warn': the point estimate decides and the result carries a note", () => {
    expect(currentSettings().inconclusive).toBe('warn');
    const held = settleVerdict({}, { verdict: 'inconclusive', pass: true }, words);
    expect(held).toMatchObject({ pass: true, inconclusive: "toRunUnder inconclusive: the cap ended sampling; held on the point estimate (inconclusive policy 'warn'); raise maxTimeMs" });
    const failed = settleVerdict({}, { verdict: 'inconclusive', pass: false }, words);
    expect(failed.pass).toBe(false);
    expect(failed.inconclusive).toContain("failed on the point estimate (inconclusive policy 'warn')");
  });

  test("'pass' holds the assertion with and without .not", () => {
    configure({ inconclusive: 'pass' });
    expect(settleVerdict({}, { verdict: 'inconclusive', pass: false }, words).pass).toBe(true);
    // The runner flips pass under .not, so false is what makes `.not` hold.
    expect(settleVerdict({ isNot: true }, { verdict: 'inconclusive', pass: true }, words).pass).toBe(false);
  });

  test("'fail' fails with and without .not, saying why and how to get a measurement", () => {
    process.env['PERFSPEC_INCONCLUSIVE'] = 'fail';
    for (const isNot of [false, true]) {
      expect(() => settleVerdict({ isNot }, { verdict: 'inconclusive', pass: true }, words)).toThrow(
        "toRunUnder was inconclusive, and the inconclusive policy is 'fail': the cap ended sampling; raise maxTimeMs\n\nthe message",
      );
    }
  });

  test('no evidence fails under every policy, with and without .not', () => {
    for (const policy of ['pass', 'warn', 'fail'] as const) {
      configure({ inconclusive: policy });
      for (const isNot of [false, true]) {
        expect(() => settleVerdict({ isNot }, { verdict: 'inconclusive', pass: true, evidence: 'none' }, words)).toThrow('toRunUnder measured nothing usable: the cap ended sampling; raise maxTimeMs');
      }
    }
  });

  test('decisive verdicts stand, without a note', () => {
    configure({ inconclusive: 'fail' });
    expect(settleVerdict({}, { verdict: 'pass', pass: true }, words)).toEqual({ pass: true, message: words.message });
    expect(settleVerdict({}, { verdict: 'fail', pass: false }, words).pass).toBe(false);
  });

  test('a misspelled policy is a usage error, in configure and in the environment', () => {
    expect(() => configure({ inconclusive: 'warning' as never })).toThrow(/configure: options.inconclusive must be one of 'pass', 'warn', 'fail'/);
    process.env['PERFSPEC_INCONCLUSIVE'] = 'strict';
    expect(() => currentSettings()).toThrow(/PERFSPEC_INCONCLUSIVE must be one of pass, warn, fail/);
  });
});

describe('matchers under the policy (findings 1–3 of issue 9)', () => {
  test('finding 1: a sweep with no usable size fails instead of passing for lack of evidence', async () => {
    // Every call outlasts the whole cap, so no size gets a sample.
    const slow = sized((n) => n, () => fake.spend(5e9));
    const message = await rejection(expect(slow).toScaleAtMost('n', { sizes: [10, 20, 40, 80], maxTimeMs: 100 }));
    expect(message).toMatch(/^toScaleAtMost measured nothing usable: no size was measured: one call at n = 10 took 5\.00 s, more than the time cap left; raise maxTimeMs \(now 100 ms\)/);
    // .not does not turn "nothing measured" into a pass either.
    await expect(expect(slow).not.toScaleAtMost('n', { sizes: [10, 20, 40, 80], maxTimeMs: 100 })).rejects.toThrow('measured nothing usable');
  });

  test('finding 2: an inconclusive toRunUnder is marked, and fails under the fail policy', async () => {
    // 15 ms calls against a 30 ms p95 budget in a 50 ms cap: too few samples for a bound on the p95.
    const result = await matchers.toRunUnder.call({}, () => fake.spend(15e6), 30, { statistic: 'p95', maxTimeMs: 50 });
    expect(result.pass).toBe(true);
    expect(result.inconclusive).toMatch(/^toRunUnder inconclusive: the 50 ms cap ended sampling after \d samples?, too few for a confidence bound on the p95; held on the point estimate/);
    configure({ inconclusive: 'fail' });
    await expect(expect(() => fake.spend(15e6)).toRunUnder(30, { statistic: 'p95', maxTimeMs: 50 })).rejects.toThrow(
      "toRunUnder was inconclusive, and the inconclusive policy is 'fail'",
    );
  });

  test("finding 3: { metric: 'ops' } without a countOp() call fails and names countOp()", async () => {
    const uncounted = sized((n) => n, (n) => fake.spend(100 * n));
    const message = await rejection(expect(uncounted).toScaleAtMost('n', { metric: 'ops', sizes: [16, 32, 64, 128] }));
    expect(message).toContain("toScaleAtMost measured nothing usable: the 'ops' metric was 0 at every size; the 'ops' metric counts countOp() calls: call countOp() once per unit of work");
  });
});

test('a CPU clock that resolved nothing is no evidence: toRunUnder fails with and without .not', async () => {
  // The fake CPU clock never advances: every batch reads 0 CPU time against 1 ms of wall time.
  const frozen = (): void => fake.spend(0, 1e6);
  await expect(expect(frozen).toRunUnder(5, { clock: 'cpu' })).rejects.toThrow(/^toRunUnder measured nothing usable: the CPU clock did not resolve most batches/);
  await expect(expect(frozen).not.toRunUnder(5, { clock: 'cpu' })).rejects.toThrow(/^toRunUnder measured nothing usable/);
});
