import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineOverrides } from '../../src/config/engineOverrides.js';
import { sized } from '../../src/engine/workload.js';
import { matchers } from '../../src/matchers/matchers.js';
import { fakeClock } from '../fixtures/fakeClock.js';
import { fakeHeap } from '../fixtures/fakeHeap.js';
import type { SimulatedHeap } from '../fixtures/SimulatedHeap.js';
import { profileNode as node } from '../fixtures/profileNode.js';

const own = `${process.cwd()}/src/`;
const profile = node('(root)@:0', 0, [
  node(`call@file://${own}engine/toWorkload.ts:15`, 0, [
    node(`render@file://${process.cwd()}/app/page.ts:12`, 96, [
      node('map@:0', 8048, [node(`(anonymous)@file://${process.cwd()}/app/page.ts:13`, 32_000)]),
      node('filter@:0', 7064),
    ]),
  ]),
  node('getHeapStatistics@node:v8:100', 200),
]);

describe('toAllocateAtMost on a fake heap', () => {
  let heap: SimulatedHeap;
  beforeEach(() => {
    heap = fakeHeap({ profile });
    engineOverrides.heapProbe = heap.probe;
    engineOverrides.clock = fakeClock().clock;
  });
  afterEach(() => {
    delete engineOverrides.heapProbe;
    delete engineOverrides.clock;
  });

  it('passes at or under the budget and fails over it, in any unit', async () => {
    const render = (): void => heap.allocate(47_208);
    expect((await matchers.toAllocateAtMost.call({}, render, 47_208)).pass).toBe(true);
    expect((await matchers.toAllocateAtMost.call({}, render, '46.2 KiB')).pass).toBe(true);
    expect((await matchers.toAllocateAtMost.call({}, render, '46 KiB')).pass).toBe(false);
    expect((await matchers.toAllocateAtMost.call({}, render, 47_207)).pass).toBe(false);
  });

  it('profiles one more call for sites only when it fails, at a fine sampling interval', async () => {
    await matchers.toAllocateAtMost.call({}, () => heap.allocate(1000), '1 KiB');
    expect(heap.lastProfile()).toBeUndefined();
    await matchers.toAllocateAtMost.call({}, () => heap.allocate(47_208), '2 KiB');
    expect(heap.lastProfile()).toEqual({ intervalBytes: 16, includeCollected: true });
  });

  it('takes n for a sized workload and measures only run', async () => {
    const workload = sized(
      (n) => {
        heap.allocate(n * 100);
        return n;
      },
      (n: number) => heap.allocate(n * 8),
    );
    expect((await matchers.toAllocateAtMost.call({}, workload, 8000, 1000)).pass).toBe(true);
    expect((await matchers.toAllocateAtMost.call({}, workload, 7999, { n: 1000 })).pass).toBe(false);
  });

  it('reports pass without looking at .not, and words the message for .not', async () => {
    const result = await matchers.toAllocateAtMost.call({ isNot: true }, () => heap.allocate(100), '1 KiB');
    expect(result.pass).toBe(true);
    expect(result.message()).toContain('Expected: more than 1.00 KiB allocated per call');
    expect(result.message()).toContain('Hint:     it allocates 100 B per call, within the budget');
  });

  it('explains a failure: bytes per call, baseline, calls, gcs, sites, Rerun and hints', async () => {
    const result = await matchers.toAllocateAtMost.call({}, () => heap.allocate(47_208), '2 KiB', { calls: 3, maxTimeMs: 500 });
    expect(result.message()).toMatchInlineSnapshot(`
      "expect(received).toAllocateAtMost(bytes)

      Expected: at most 2.00 KiB allocated per call
      Received: 46.1 KiB allocated per call (median of 3), 23.05× the budget

      Top allocation sites of one call (sampled every 16 B):
        31.3 KiB  (anonymous)                                 app/page.ts:13
        7.86 KiB  render → map                                app/page.ts:12
        6.90 KiB  render → filter                             app/page.ts:12
            96 B  render                                      app/page.ts:12
           200 B  (perfspec and Node internals, not counted)

      Measured: 3 calls after 100 warm-up calls (sync function), heap 46.1 KiB + ArrayBuffers 0 B per call, baseline 200 B (empty function) subtracted, spread 0 B, 0 gcs during a call, 0 ns
      Rerun:    { calls: 3, warmupCalls: 100, maxTimeMs: 500 }
      Hint:     look at the top site first: a copy per call (spread, slice, map/filter chain, string building) is the usual cause
                counted: V8 heap and ArrayBuffer memory; not counted: native memory outside V8 (addons, Node internals)"
    `);
  });

  it('rejects bad budgets, options and received values with usage errors', async () => {
    const call = (received: unknown, bytes: unknown, options?: unknown): Promise<unknown> => matchers.toAllocateAtMost.call({}, received, bytes, options);
    await expect(call(() => 1, -1)).rejects.toThrow(/toAllocateAtMost: bytes must be a non-negative number of bytes/);
    await expect(call(() => 1, Number.NaN)).rejects.toThrow(/Received: number NaN/);
    await expect(call(() => 1, '3 parsecs')).rejects.toThrow(/Received: string '3 parsecs'/);
    await expect(call(42, 100)).rejects.toThrow(/toAllocateAtMost: received must be a function/);
    await expect(call(() => 1, 100, { calls: 0 })).rejects.toThrow(/toAllocateAtMost: options.calls must be a positive integer/);
    await expect(call(() => 1, 100, { budget: 3 })).rejects.toThrow(/unknown option "budget"/);
    await expect(call(sized((n) => n, (n) => n), 100)).rejects.toThrow(/toAllocateAtMost: n must be given for a sized workload/);
  });

  it('fails the test with the error the function throws', async () => {
    const failure = new TypeError('no such field');
    const throwing = (): never => {
      throw failure;
    };
    await expect(matchers.toAllocateAtMost.call({}, throwing, 100)).rejects.toBe(failure);
  });
});
