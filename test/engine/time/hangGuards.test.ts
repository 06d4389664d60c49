import { describe, expect, test } from 'vitest';
import { judgeTime } from '../../../src/engine/time/judgeTime.js';
import { measureTime } from '../../../src/engine/time/measureTime.js';
import type { Clock } from '../../../src/engine/time/nativeClock.js';
import { sized, toWorkload } from '../../../src/engine/workload.js';
import { toRunUnder } from '../../../src/matchers/toRunUnder.js';

// Before these guards each case below hung. The workloads stop themselves (throw) long after the guard should have
// fired, so a regression fails here instead of stalling the run.
const runawayCalls = 5_000_000;

describe('phases that used to be unbounded', () => {
  test('a frozen wall clock (fake timers installed before perfspec loaded) fails with a clear error instead of looping', async () => {
    const frozen: Clock = { wallNs: () => 0, cpuNs: () => 0 };
    let calls = 0;
    const call = (): number => {
      if (++calls > runawayCalls) throw new Error('runaway: the frozen clock was not detected');
      return calls;
    };
    await expect(measureTime(call, { clock: frozen })).rejects.toThrow(/the wall clock did not advance over 1,000 calls.*fake timers/s);
    expect(calls).toBeLessThan(2_000);
    calls = 0;
    await expect(judgeTime({ call }, 1e6, { clock: frozen, loadPerCore: () => 0 })).rejects.toThrow('the wall clock did not advance');
  }, 10_000);

  test('measureTime on a call that never settles rejects with the "did not settle" error', async () => {
    await expect(measureTime(() => new Promise(() => undefined), { maxTimeMs: 50 })).rejects.toThrow('measureTime: the measured call did not settle: it had not settled after 50 ms (maxTimeMs)');
  }, 10_000);

  test('a sized setup that never settles fails once the cap has passed, naming setup(n)', async () => {
    const never = sized(() => new Promise<number>(() => undefined), (n: number) => n);
    const workload = toWorkload(never, 10, 40);
    await expect(Promise.resolve(workload.prepare?.())).rejects.toThrow("the sized workload's setup(10) had not settled after 40 ms (maxTimeMs)");
    await expect(toRunUnder.call(undefined, never, 5, { n: 10, maxTimeMs: 60 })).rejects.toThrow('setup(10) had not settled after 60 ms');
  }, 10_000);

  test('a budget or cap above 2³¹−1 ms does not overflow the guard timer into an instant timeout', async () => {
    const fiveMs = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
    const result = await judgeTime({ call: fiveMs }, 1e12 * 1e6, { maxTimeMs: 200, loadPerCore: () => 0 });
    expect(result.reason).not.toBe('call-timeout');
    expect(result.pass).toBe(true);
    const measured = await measureTime(fiveMs, { maxTimeMs: 1e12, precision: 0.5 });
    expect(measured.run.stoppedBy).not.toBe('call-timeout');
  }, 20_000);
});
