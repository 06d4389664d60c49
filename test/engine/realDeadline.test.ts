import { afterEach, describe, expect, test, vi } from 'vitest';
import { maxTimerDelayMs, realDeadline, timedOut } from '../../src/engine/workload.js';

const wait = (ms: number): Promise<void> => new Promise((resolve) => globalThis.setTimeout(resolve, ms));

afterEach(() => {
  vi.doUnmock('node:timers');
  vi.resetModules();
});

describe('realDeadline', () => {
  test('a delay above 2³¹−1 ms is clamped instead of overflowing into an immediate timeout', async () => {
    const deadlines = [1e12, Infinity, maxTimerDelayMs + 1].map((delayMs) => realDeadline(delayMs));
    const raced = await Promise.all(deadlines.map((deadline) => deadline.race(wait(30).then(() => 'settled'))));
    deadlines.forEach((deadline) => deadline.clear());
    expect(raced).toEqual(['settled', 'settled', 'settled']);
  });

  test('passes after the delay', async () => {
    const deadline = realDeadline(5);
    expect(await deadline.race(new Promise(() => undefined))).toBe(timedOut);
    deadline.clear();
  });

  test('keeps the process alive while pending (outside a runner a never-settling measurement must not exit silently)', () => {
    const handles = (): number => (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = handles();
    const deadline = realDeadline(10_000);
    const during = handles();
    deadline.clear();
    // getActiveResourcesInfo lists only ref'd timers: an unref'd guard would not show.
    expect(during).toBe(before + 1);
  });

  test('reaches the original setTimeout when node:timers was already faked when perfspec loaded', async () => {
    // @sinonjs/fake-timers (Vitest's) patches the node:timers module too and keeps the original on the fake's clock.
    const realSetTimeout = globalThis.setTimeout;
    const fakeCalls: number[] = [];
    const fake = Object.assign((_callback: () => void, delayMs: number) => fakeCalls.push(delayMs), { clock: { _setTimeout: realSetTimeout, _clearTimeout: globalThis.clearTimeout } });
    vi.doMock('node:timers', () => ({ setTimeout: fake, clearTimeout: fake }));
    const fresh = await import('../../src/engine/workload.js');
    const deadline = fresh.realDeadline(5);
    const outcome = await Promise.race([deadline.race(new Promise(() => undefined)), wait(2000).then(() => 'fake: never fired')]);
    expect(outcome).toBe(fresh.timedOut);
    expect(fakeCalls).toEqual([]);
  });
});
