import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineOverrides } from '../../src/config/engineOverrides.js';
import { matchers } from '../../src/matchers/matchers.js';
import { fakeClock } from '../fixtures/fakeClock.js';
import { fakeHeap } from '../fixtures/fakeHeap.js';
import type { SimulatedHeap } from '../fixtures/SimulatedHeap.js';
import { profileNode as node } from '../fixtures/profileNode.js';

const retainedProfile = node('(root)@:0', 0, [
  node(`call@file://${process.cwd()}/src/engine/toWorkload.ts:15`, 0, [
    node(`remember@file://${process.cwd()}/app/session.ts:7`, 2400, [node('push@:0', 800)]),
  ]),
]);

describe('toRetainAtMost on a fake heap', () => {
  let heap: SimulatedHeap;
  let clock: ReturnType<typeof fakeClock>;
  beforeEach(() => {
    heap = fakeHeap({ profile: retainedProfile });
    clock = fakeClock();
    engineOverrides.heapProbe = heap.probe;
    engineOverrides.clock = clock.clock;
  });
  afterEach(() => {
    delete engineOverrides.heapProbe;
    delete engineOverrides.clock;
  });

  it('fails a 32 B per call leak at 0 and passes it at 32 B', async () => {
    const leak = (): void => heap.retain(32);
    expect((await matchers.toRetainAtMost.call({}, leak, 0)).pass).toBe(false);
    expect((await matchers.toRetainAtMost.call({}, leak, '32 B')).pass).toBe(true);
  });

  it('passes a cache that stops growing before the first reading, and profiles retained objects only on failure', async () => {
    let calls = 0;
    const cache = (): void => {
      if ((calls += 1) <= 180) heap.retain(100);
    };
    expect((await matchers.toRetainAtMost.call({}, cache, 0)).pass).toBe(true);
    expect(heap.lastProfile()).toBeUndefined();
    await matchers.toRetainAtMost.call({}, () => heap.retain(32), 0);
    expect(heap.lastProfile()).toEqual({ intervalBytes: 16, includeCollected: false });
  });

  it('explains a failure: the readings judged, growth per call, where the retained memory was allocated, Rerun', async () => {
    const result = await matchers.toRetainAtMost.call({}, () => heap.retain(32), 0, { calls: 1000 });
    expect(result.message()).toMatchInlineSnapshot(`
      "expect(received).toRetainAtMost(bytes)

      Expected: at most 0 B retained per call
      Received: 32 B retained per call (+62.5 KiB over 2 000 calls after warm-up)

        reading        after calls  retained (after full gcs)
        after warm-up        1 000  1008 KiB
        last                 3 000  1.05 MiB  (+62.5 KiB over 2 000 calls)

      Where the retained memory was allocated, per call (sampled every 16 B):
        24 B  remember         app/session.ts:7
         8 B  remember → push  app/session.ts:7

      Measured: 1 000 calls before the judged 2 000 (sync function), over when the judged calls kept more than 16.0 KiB (allowance × calls + 16.0 KiB noise floor: this run sees leaks from 8 B per call), full gc 0 ns (heap 977 KiB), one call 0 ns, 0 ns
      Rerun:    { calls: 1000, maxTimeMs: 1000 }
      Hint:     the heap kept growing after warm-up: something keeps a reference per call (an unbounded cache, a listener never removed, a growing Map or array)
                a bounded cache larger than 1 000 entries still fills during the judged calls; if that is what grew, raise calls"
    `);
  });

  it('words the message for .not without reading it for the verdict', async () => {
    const result = await matchers.toRetainAtMost.call({ isNot: true }, () => heap.retain(32), 0);
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('Expected: more than 0 B retained per call');
  });

  it('fails with an explicit error naming the matcher, the measured reason and the cap that would suffice, never a silent pass', async () => {
    const slow = (): void => clock.spend(50e6);
    await expect(matchers.toRetainAtMost.call({}, slow, 0, { maxTimeMs: 1000 })).rejects.toThrow(
      /^toRetainAtMost: not enough time for a verdict: a full gc takes 0\.0 ms in this process \(heap 1 MB\) and one call 50 ms; .* set maxTimeMs: 2200$/,
    );
  });

  it('names the matcher when a measured call never settles', async () => {
    const never = (): Promise<never> => new Promise<never>(() => undefined);
    await expect(matchers.toRetainAtMost.call({}, never, 0, { maxTimeMs: 50 })).rejects.toThrow(/^toRetainAtMost: the measured call had not settled after \d+ ms/);
  });

  it('bounds the failure-path profile: a leak whose calls hang once measuring is over still fails, without sites, in time', async () => {
    // The fake clock makes calls free, so measuring makes the planned maximum: 32 768 calls, then 65 536 more.
    let calls = 0;
    const leakThenHang = (): Promise<never> | undefined => {
      heap.retain(32);
      return (calls += 1) > 3 * 32_768 ? new Promise<never>(() => undefined) : undefined;
    };
    const measuring = matchers.toRetainAtMost.call({}, leakThenHang, 0);
    const result = await measuring;
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('Where the retained memory was allocated: not profiled (a profiled call had not settled within 1000 ms)');
  }, 10_000);

  it('rejects bad input with usage errors', async () => {
    const call = (received: unknown, bytes: unknown, options?: unknown): Promise<unknown> => matchers.toRetainAtMost.call({}, received, bytes, options);
    await expect(call(() => 1, -32)).rejects.toThrow(/toRetainAtMost: bytes must be a non-negative number of bytes/);
    await expect(call(() => 1, '1 XB')).rejects.toThrow(/Received: string '1 XB'/);
    await expect(call(() => 1, 0, { calls: 2.5 })).rejects.toThrow(/toRetainAtMost: options.calls must be a positive integer/);
    await expect(call(() => 1, 0, { blocks: 4 })).rejects.toThrow(/unknown option "blocks"/);
    await expect(call('leak', 0)).rejects.toThrow(/toRetainAtMost: received must be a function/);
  });
});
