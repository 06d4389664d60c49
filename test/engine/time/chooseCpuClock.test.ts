import { describe, expect, test } from 'vitest';
import { chooseCpuClock, type CpuClockCandidate } from '../../../src/engine/time/chooseCpuClock.js';
import { judgeTime } from '../../../src/engine/time/judgeTime.js';
import type { Clock } from '../../../src/engine/time/nativeClock.js';

/** A simulated time line: every read of any clock costs `readNs` of wall and CPU time. */
function timeline(readNs: number) {
  let ns = 0;
  const tick = (): number => (ns += readNs);
  const quantized = (stepNs: number): (() => number) => () => Math.floor(tick() / stepNs) * stepNs;
  return { wallNs: () => ns, quantized };
}

describe('chooseCpuClock on simulated clocks', () => {
  test('passes over a thread clock that ticks in 4 ms steps for a process clock with 1 µs steps', () => {
    const t = timeline(500);
    const thread: CpuClockCandidate = { source: 'thread', scope: 'thread', readNs: t.quantized(4e6) };
    const proc: CpuClockCandidate = { source: 'process', scope: 'process', readNs: t.quantized(1_000) };
    const { chosen, readings } = chooseCpuClock([thread, proc], t.wallNs);
    expect(chosen.source).toBe('process');
    expect(chosen.resolutionNs).toBe(1_000);
    // 3 ms of probing cannot see three 4 ms ticks: the thread clock's step is unknown, so it is not trusted.
    expect(readings[0]).toMatchObject({ source: 'thread', resolutionNs: Infinity });
  });

  test('keeps the preferred thread clock when its steps are fine', () => {
    const t = timeline(500);
    const thread: CpuClockCandidate = { source: 'thread', scope: 'thread', readNs: t.quantized(1_000) };
    const proc: CpuClockCandidate = { source: 'process', scope: 'process', readNs: t.quantized(1_000) };
    expect(chooseCpuClock([thread, proc], t.wallNs).chosen).toMatchObject({ source: 'thread', resolutionNs: 1_000, readCostNs: 500 });
  });

  test('measures a coarse clock it is given time to see', () => {
    const t = timeline(10_000);
    const thread: CpuClockCandidate = { source: 'thread', scope: 'thread', readNs: t.quantized(4e6) };
    const { chosen } = chooseCpuClock([thread], t.wallNs, { probeNs: 100e6 });
    expect(chosen.resolutionNs).toBe(4e6);
  });

  test('ends on a read count when the wall clock never moves', () => {
    const frozen: CpuClockCandidate = { source: 'frozen', scope: 'process', readNs: () => 0 };
    expect(chooseCpuClock([frozen], () => 0).chosen.resolutionNs).toBe(Infinity);
  });
});

/**
 * A clock whose CPU reading moves only in whole steps of `stepNs`, like process.threadCpuUsage() on a kernel
 * that accounts CPU time per scheduler tick. Workloads spend exact time through `spend`.
 */
function coarseClock(stepNs: number, declare: boolean) {
  let wallNs = 0;
  let cpuNs = 0;
  const clock: Clock = {
    wallNs: () => wallNs,
    cpuNs: () => Math.floor(cpuNs / stepNs) * stepNs,
    ...(declare ? { cpuResolutionNs: stepNs } : {}),
  };
  return { clock, spend: (ns: number) => ((cpuNs += ns), (wallNs += ns)) };
}

const idle = { loadPerCore: () => 0 };

describe('a CPU clock with 4 ms steps', () => {
  test('with the step declared, cpu batches span 100 steps and the verdict is right on both sides', async () => {
    const fake = coarseClock(4e6, true);
    const over = await judgeTime({ call: () => fake.spend(100_000) }, 100_000 / 1.5, { clock: fake.clock, clockMode: 'cpu', maxTimeMs: 20_000, ...idle });
    expect(over.run.minSampleNs).toBe(400e6);
    expect(over.run.batchSize).toBeGreaterThanOrEqual(4000);
    expect(over.run.samples.every((s) => s.cpuNs >= 400e6)).toBe(true);
    expect(over.verdict).toBe('fail');
    const under = await judgeTime({ call: () => fake.spend(100_000) }, 200_000, { clock: fake.clock, clockMode: 'cpu', maxTimeMs: 20_000, ...idle });
    expect(under.verdict).toBe('pass');
  });

  test('in auto mode a clock too coarse for the cap gives way to wall time, and the run says so', async () => {
    const fake = coarseClock(4e6, true);
    const result = await judgeTime({ call: () => fake.spend(100_000) }, 100_000 / 1.5, { clock: fake.clock, ...idle });
    expect(result.run.clock).toBe('wall');
    expect(result.run.coarseCpuClock).toBe(true);
    expect(result.verdict).toBe('fail');
    expect(result.estimateNs).toBe(100_000);
  });

  test('with the step not declared, no batch counts as zero time: a call at 150% of the budget never passes', async () => {
    const fake = coarseClock(4e6, false);
    for (const perCallNs of [2_000, 100_000]) {
      const result = await judgeTime({ call: () => fake.spend(perCallNs) }, perCallNs / 1.5, { clock: fake.clock, clockMode: 'cpu', ...idle });
      expect(result.run.samples.every((s) => s.cpuNs > 0)).toBe(true);
      expect(result.pass).toBe(false);
    }
  });
});

describe('a CPU clock that does not move at all', () => {
  test('leaves no evidence for a pass: inconclusive, failing, and the message says why', async () => {
    let wallNs = 0;
    const clock: Clock = { wallNs: () => wallNs, cpuNs: () => 0 };
    const result = await judgeTime({ call: () => void (wallNs += 100_000) }, 1e9, { clock, clockMode: 'cpu', ...idle });
    expect(result).toMatchObject({ verdict: 'inconclusive', reason: 'unmeasured', pass: false });
    expect(result.run.stoppedBy).toBe('unmeasured');
    const { timeMessage } = await import('../../../src/report/toRunUnder.js');
    const message = timeMessage(undefined, result, { budgetMs: 1000, timeScale: 1, clockMode: 'cpu', maxTimeMs: 1000 });
    expect(message).toContain('the CPU clock did not resolve most batches');
    expect(message).toMatch(/\d+ batch(es)? left out: the CPU clock did not resolve them/);
  });
});
