import { describe, expect, it } from 'vitest';
import { exclusiveHeap } from '../../../src/engine/heap/exclusiveHeap.js';
import { measureAllocation } from '../../../src/engine/heap/measureAllocation.js';
import { measureRetention } from '../../../src/engine/heap/measureRetention.js';
import { fakeClock } from '../../fixtures/fakeClock.js';
import { fakeHeap } from '../../fixtures/fakeHeap.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('heap measurements in one process run one at a time', () => {
  it('serializes concurrent measurements: no call of one runs while another is being measured', async () => {
    const heap = fakeHeap();
    const log: string[] = [];
    const async = (name: string, bytes: number) => async (): Promise<void> => {
      log.push(name);
      heap.allocate(bytes);
      await tick();
    };
    const [a, b, c] = await Promise.all([
      measureAllocation(async('a', 1000), { probe: heap.probe, clock: fakeClock().clock, warmupCalls: 3 }),
      measureAllocation(async('b', 0), { probe: heap.probe, clock: fakeClock().clock, warmupCalls: 3 }),
      measureRetention(async('c', 0), { probe: heap.probe, clock: fakeClock().clock, calls: 10 }),
    ]);
    // Interleaved, b's calls would land inside a's measured calls and the other way round.
    expect(log.join('')).toBe('a'.repeat(8) + 'b'.repeat(8) + 'c'.repeat(30));
    expect(a.bytesPerCall).toBe(1000);
    expect(b.bytesPerCall).toBe(0);
    expect(c.growthBytes).toBe(0);
  });

  it('refuses a measurement started from inside a measured function, naming both, instead of waiting for itself forever', async () => {
    const heap = fakeHeap();
    const nested = (): Promise<unknown> => measureAllocation(() => undefined, { probe: heap.probe, label: 'toAllocateAtMost' });
    await expect(measureRetention(nested, { probe: heap.probe, label: 'toRetainAtMost' })).rejects.toThrow(
      'toAllocateAtMost: called from inside the function that toRetainAtMost is measuring; heap measurements cannot nest',
    );
  });

  it('lets the next measurement run after one that threw', async () => {
    await expect(exclusiveHeap('first', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(exclusiveHeap('second', () => Promise.resolve(42))).resolves.toBe(42);
  });
});
