import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sized } from '../../src/engine/workload.js';
import { matchers } from '../../src/matchers/matchers.js';
import { lineOf } from '../fixtures/lineOf.js';

// Retained bytes after full gcs do not depend on the machine's speed: these verdicts are the same on any machine.
describe('toRetainAtMost on the real heap', () => {
  it('flags a leak of 32 B per call', async () => {
    const kept: object[] = [];
    // An object with one in-object field: 3 header words + 1 field = 32 B on 64-bit V8.
    const leak = (): void => {
      kept.push({ id: kept.length });
    };
    const result = await matchers.toRetainAtMost.call({}, leak, 0);
    expect(result.pass).toBe(false);
    expect(result.message()).toMatch(/leak/);
  });

  it('flags a listener added on every call and never removed', async () => {
    const bus = new EventEmitter();
    bus.setMaxListeners(0);
    const subscribe = (): void => {
      bus.on('tick', () => undefined);
    };
    const result = await matchers.toRetainAtMost.call({}, subscribe, 0);
    expect(result.pass).toBe(false);
    expect(result.message()).toMatch(new RegExp(`subscribe → addListener +test/matchers/toRetainAtMost\\.real\\.test\\.ts:${lineOf(import.meta.url, 'const subscribe = ')}`));
  });

  it('flags a Map that gains an entry per call', async () => {
    const sessions = new Map<number, { id: number; startedAt: number }>();
    let next = 0;
    const open = (): void => {
      next += 1;
      sessions.set(next, { id: next, startedAt: next });
    };
    await expect(open).not.toRetainAtMost(0);
  });

  it('does not count the inputs a sized workload builds, and sees what run keeps of them', async () => {
    const parse = (text: string): unknown => JSON.parse(text);
    const payload = (n: number): string => JSON.stringify(Array.from({ length: n }, (_, i) => ({ i })));
    await expect(sized(payload, parse)).toRetainAtMost(0, 100);
    const seen: unknown[] = [];
    const remember = (text: string): void => {
      seen.push(parse(text));
    };
    await expect(sized(payload, remember)).not.toRetainAtMost(0, { n: 100 });
  });

  it('passes a bounded cache, a memoized value and a function that keeps nothing', async () => {
    const cache = new Map<number, number[]>();
    let calls = 0;
    const cached = (): number[] => {
      const key = (calls += 1) % 64;
      let value = cache.get(key);
      if (value === undefined) cache.set(key, (value = [key, key * 2]));
      return value;
    };
    await expect(cached).toRetainAtMost(0);

    let table: number[] | undefined;
    const memoized = (): number[] => (table ??= Array.from({ length: 10_000 }, (_, i) => i * i));
    await expect(memoized).toRetainAtMost(0);

    await expect(() => JSON.parse('{"a":[1,2,3],"b":"text"}')).toRetainAtMost(0);
  });
});
