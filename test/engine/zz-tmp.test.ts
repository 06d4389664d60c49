import { EventEmitter } from 'node:events';
import { it } from 'vitest';
import { measureRetention } from '../../src/engine/measureRetention.js';

const leaky: unknown[] = [];
const cache = new Map<number, number[]>();
let i = 0;
let memo: number[] | undefined;
const emitter = new EventEmitter(); emitter.setMaxListeners(0);
const grow = new Map<number, string>();
const work: Record<string, () => unknown> = {
  nothing: () => undefined,
  alloc: () => new Array(100).fill(1),
  leak32: () => { leaky.push({ a: 1, b: 2 }); },
  bounded: () => { const k = i++ % 50; if (!cache.has(k)) cache.set(k, [k, k]); return cache.get(k); },
  memo: () => (memo ??= Array.from({ length: 1000 }, (_, j) => j)),
  listener: () => { emitter.on('x', () => undefined); },
  growingMap: () => { grow.set(i++, 'v'); },
};
it('retention', async () => {
  for (const [name, fn] of Object.entries(work)) {
    const r = await measureRetention(fn);
    console.log(name, r.growthBytes.join(' '), '| offset', r.offsetBytes.join(' '), r.elapsedMs.toFixed(0), 'ms');
  }
});
