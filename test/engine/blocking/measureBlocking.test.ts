// Decision logic of the blocking measurement on a fake clock that the workloads advance themselves: exact numbers.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { judgeBlocking } from '../../../src/engine/blocking/judgeBlocking.js';
import { measureBlocking } from '../../../src/engine/blocking/measureBlocking.js';
import type { BlockingClock } from '../../../src/engine/blocking/measureBlocking.js';

function fakeClock(withRunDelay: boolean): BlockingClock & { spend(wallMs: number, cpuMs: number, preemptedMs?: number): void } {
  let wall = 0;
  let cpu = 0;
  let delay = 0;
  return {
    wallNs: () => wall,
    cpuNs: () => cpu,
    ...(withRunDelay ? { runDelayNs: () => delay } : {}),
    spend(wallMs, cpuMs, preemptedMs = 0) {
      wall += wallMs * 1e6;
      cpu += cpuMs * 1e6;
      delay += preemptedMs * 1e6;
    },
  };
}

describe('measureBlocking', () => {
  test('with the run-queue delay: a segment is judged on wall minus the time it was preempted', async () => {
    const clock = fakeClock(true);
    const m = await measureBlocking(async () => {
      await nextTurn();
      clock.spend(50, 0, 45); // 5 ms of work on a machine so busy the thread waited 45 ms for a CPU
      await nextTurn();
      clock.spend(30, 0, 0); // 30 ms in a sync syscall (sleeping, not preempted): it held the loop
    }, { clock, profile: false });
    expect(m.judgedOn).toBe('run-delay');
    expect(m.stretches.map((s) => [s.judgedNs / 1e6, s.wallNs / 1e6, s.preemptedNs / 1e6])).toEqual([
      [30, 30, 0],
      [5, 50, 45],
      [0, 0, 0],
    ]);
  });

  test('without it: the smaller of wall and process CPU time', async () => {
    const clock = fakeClock(false);
    const m = await measureBlocking(async () => {
      await nextTurn();
      clock.spend(50, 5); // contention: wall inflated, CPU not
      await nextTurn();
      clock.spend(10, 40); // worker threads: CPU beyond wall
    }, { clock, profile: false });
    expect(m.judgedOn).toBe('cpu');
    expect(m.stretches.map((s) => s.judgedNs / 1e6)).toEqual([10, 5, 0]);
  });

  test('segments with no turn of the event loop between them form one stretch; a turn splits them', async () => {
    const clock = fakeClock(true);
    const chained = await measureBlocking(async () => {
      await nextTurn();
      for (let i = 0; i < 4; i++) {
        await null; // an already-settled await: the continuation runs before the loop gets a turn
        clock.spend(2, 0);
      }
    }, { clock, profile: false });
    expect(chained.stretches[0]?.judgedNs).toBe(8e6);
    expect(chained.stretches.filter((s) => s.judgedNs > 0)).toHaveLength(1);
    const yielding = await measureBlocking(async () => {
      await nextTurn();
      for (let i = 0; i < 4; i++) {
        await nextTurn();
        clock.spend(2, 0);
      }
    }, { clock, profile: false });
    expect(yielding.stretches.slice(0, 4).map((s) => s.judgedNs)).toEqual([2e6, 2e6, 2e6, 2e6]);
  });

  test('the synchronous start of the call is a segment, and work outside the call is not measured', async () => {
    const clock = fakeClock(true);
    const m = await measureBlocking(() => {
      clock.spend(7, 0);
    }, { clock, profile: false });
    await nextTurn().then(() => clock.spend(100, 0));
    expect(m.stretches.map((s) => s.judgedNs)).toEqual([7e6]);
  });

  test('a call that throws rethrows its error after the hooks are removed', async () => {
    const clock = fakeClock(true);
    const error = new Error('boom');
    await expect(measureBlocking(async () => {
      await nextTurn();
      throw error;
    }, { clock, profile: false })).rejects.toBe(error);
  });
});

describe('judgeBlocking', () => {
  test('one warm-up call, then the median of 3 calls is judged, at the budget inclusive', async () => {
    const clock = fakeClock(true);
    const costs = [100, 4, 9, 6]; // the warm-up (100 ms: compiling) is not judged
    let call = 0;
    const workload = { call: async () => {
      await nextTurn();
      clock.spend(costs[call++] ?? 0, 0);
    } };
    const verdict = await judgeBlocking(workload, 6e6, { clock, profile: false });
    expect(verdict.longestNs).toEqual([4e6, 9e6, 6e6]);
    expect([verdict.medianNs, verdict.shownIndex, verdict.pass]).toEqual([6e6, 2, true]);
    call = 0;
    expect((await judgeBlocking(workload, 5.999e6, { clock, profile: false })).pass).toBe(false);
  });

  test('a failure runs one more call under the profiler for the message; a pass does not', async () => {
    const clock = fakeClock(true);
    let calls = 0;
    const workload = { call: async () => {
      calls++;
      await nextTurn();
      clock.spend(20, 0);
    } };
    const failed = await judgeBlocking(workload, 10e6, { clock });
    expect([calls, failed.pass, failed.shownIndex, failed.medianNs, failed.shown.stretches[0]?.judgedNs]).toEqual([5, false, 3, 20e6, 20e6]);
    calls = 0;
    const passed = await judgeBlocking(workload, 20e6, { clock });
    expect([calls, passed.pass, passed.shownIndex]).toEqual([4, true, 1]);
  });

  test('a call that does not settle within maxTimeMs is abandoned and never passes', async () => {
    const clock = fakeClock(true);
    const verdict = await judgeBlocking({ call: () => new Promise(() => undefined) }, 1e6, { clock, profile: false, maxTimeMs: 20 });
    expect([verdict.timedOut, verdict.pass]).toEqual([true, false]);
  });
});
