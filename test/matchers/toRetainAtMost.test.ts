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

  it('passes a cache that stops growing during the first block, and profiles retained objects only on failure', async () => {
    let calls = 0;
    const cache = (): void => {
      if ((calls += 1) <= 180) heap.retain(100);
    };
    expect((await matchers.toRetainAtMost.call({}, cache, 0)).pass).toBe(true);
    expect(heap.lastProfile()).toBeUndefined();
    await matchers.toRetainAtMost.call({}, () => heap.retain(32), 0);
    expect(heap.lastProfile()).toEqual({ intervalBytes: 16, includeCollected: false });
  });

  it('explains a failure: growth per block and per call, where the retained memory was allocated, Rerun', async () => {
    const result = await matchers.toRetainAtMost.call({}, () => heap.retain(32), 0, { blocks: 4, callsPerBlock: 100 });
    expect(result.message()).toMatchInlineSnapshot(`
      "expect(received).toRetainAtMost(bytes)

      Expected: at most 0 B retained per call, in every judged block
      Received: 32 B retained per call (mean of blocks 2–4); 3 of 3 judged blocks over

        block  calls    growth  per call
            1    100  3.13 KiB      32 B  not judged (caches fill, code warms up)
            2    100  3.13 KiB      32 B  over
            3    100  3.13 KiB      32 B  over
            4    100  3.13 KiB      32 B  over

      Where the retained memory was allocated, per call (sampled every 16 B):
        24 B  remember         app/session.ts:7
         8 B  remember → push  app/session.ts:7

      Measured: 4 blocks × 100 calls (sync function), full gc after each block, empty-function offset subtracted (median of 0 B, 0 B, 0 B, 0 B), a block is over when it grew more than 1.00 KiB (allowance + 1 KiB noise floor), 0 ns
      Rerun:    { blocks: 4, callsPerBlock: 100, maxTimeMs: 1000 }
      Hint:     every judged block grew: something keeps a reference per call (an unbounded cache, a listener never removed, a growing Map or array)"
    `);
  });

  it('words the message for .not without reading it for the verdict', async () => {
    const result = await matchers.toRetainAtMost.call({ isNot: true }, () => heap.retain(32), 0);
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('Expected: more than 0 B retained per call');
  });

  it('fails with an explicit error when too few blocks fit in maxTimeMs, never a silent pass', async () => {
    const slow = (): void => clock.spend(5e6);
    await expect(matchers.toRetainAtMost.call({}, slow, 0, { maxTimeMs: 1000 })).rejects.toThrow(
      /toRetainAtMost measured nothing usable: only 1 of 4 blocks of 100 calls fit in maxTimeMs 1000 .*raise maxTimeMs or lower callsPerBlock/,
    );
  });

  it('rejects bad input with usage errors', async () => {
    const call = (received: unknown, bytes: unknown, options?: unknown): Promise<unknown> => matchers.toRetainAtMost.call({}, received, bytes, options);
    await expect(call(() => 1, -32)).rejects.toThrow(/toRetainAtMost: bytes must be a non-negative number of bytes/);
    await expect(call(() => 1, '1 XB')).rejects.toThrow(/Received: string '1 XB'/);
    await expect(call(() => 1, 0, { blocks: 2 })).rejects.toThrow(/toRetainAtMost: options.blocks must be an integer of at least 3/);
    await expect(call('leak', 0)).rejects.toThrow(/toRetainAtMost: received must be a function/);
  });
});
