import { afterEach, describe, expect, test, vi } from 'vitest';
import { maxTimerDelayMs, realTimeout } from '../../src/engine/realTimeout.js';

const wait = (ms: number): Promise<void> => new Promise((resolve) => realTimeout(resolve, ms));

afterEach(() => {
  vi.doUnmock('node:timers');
  vi.resetModules();
});

describe('realTimeout', () => {
  test('a delay above 2³¹−1 ms is clamped instead of overflowing into an immediate timeout', async () => {
    let fired = 0;
    const cancels = [1e12, Infinity, maxTimerDelayMs + 1].map((delayMs) => realTimeout(() => (fired += 1), delayMs));
    await wait(30);
    cancels.forEach((cancel) => cancel());
    expect(fired).toBe(0);
  });

  test('fires after the delay, and not once cancelled', async () => {
    let fired = 0;
    realTimeout(() => (fired += 1), 5);
    const cancel = realTimeout(() => (fired += 10), 5);
    cancel();
    await wait(40);
    expect(fired).toBe(1);
  });

  test('reaches the original setTimeout when node:timers was already faked when it loaded', async () => {
    // @sinonjs/fake-timers (Vitest's) patches the node:timers module too and keeps the original on the fake's clock.
    const realSetTimeout = globalThis.setTimeout;
    const fakeCalls: number[] = [];
    const fake = Object.assign((_callback: () => void, delayMs: number) => fakeCalls.push(delayMs), { clock: { _setTimeout: realSetTimeout, _clearTimeout: globalThis.clearTimeout } });
    vi.doMock('node:timers', () => ({ setTimeout: fake, clearTimeout: fake }));
    const fresh = await import('../../src/engine/realTimeout.js');
    const fired = await new Promise<boolean>((resolve) => {
      fresh.realTimeout(() => resolve(true), 5);
      realSetTimeout(() => resolve(false), 2000);
    });
    expect(fired).toBe(true);
    expect(fakeCalls).toEqual([]);
  });
});
