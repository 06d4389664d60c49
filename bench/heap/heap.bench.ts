// One benchmark file for both runners (Vitest with globals, Jest through ts-jest with module commonjs): bytes
// measured against bytes known from V8's object layout, and toRetainAtMost(0) verdicts on a corpus of leaks and
// non-leaks, with default options. Each result is one JSON line appended to $BENCH_OUT; bench/heap.mjs runs this
// in four conditions and writes the tables.
import { appendFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { getHeapStatistics } from 'node:v8';
import { LRUCache } from 'lru-cache';

/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: the same file runs under ts-jest (module commonjs) */
const { measureAllocation } = require('../../dist/cjs/index.js') as typeof import('../../dist/cjs/index.js');
const { knownAllocations } = require('./knownAllocations.cjs') as { knownAllocations: { name: string; trueBytes: number; run: () => unknown }[] };
const memoize = require('lodash.memoize') as <F extends (...args: never[]) => unknown>(fn: F) => F;
const memoizeOneModule = require('memoize-one') as { default?: unknown };
const memoizeOne = (memoizeOneModule.default ?? memoizeOneModule) as <F extends (...args: never[]) => unknown>(fn: F) => F;
/* eslint-enable @typescript-eslint/no-require-imports */

const runs = Number(process.env['BENCH_RUNS'] ?? 20);
const out = process.env['BENCH_OUT'] ?? '/dev/null';
const condition = process.env['BENCH_CONDITION'] ?? 'unknown';
const record = (row: object): void => appendFileSync(out, `${JSON.stringify({ condition, ...row })}\n`);

const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

type Case = { name: string; leaks: boolean; make: () => () => unknown };
const corpus: Case[] = [
  { name: 'Map entry per call (two small integers)', leaks: true, make: () => { const m = new Map<number, number>(); let j = 0; return () => { m.set(j++, j); }; } },
  { name: 'Set entry per call', leaks: true, make: () => { const s = new Set<number>(); let j = 0; return () => { s.add(j++); }; } },
  { name: 'array push per call', leaks: true, make: () => { const a: number[] = []; let j = 0; return () => { a.push(j++); }; } },
  { name: 'listener per call (EventEmitter on, never off)', leaks: true, make: () => { const e = new EventEmitter(); e.setMaxListeners(0); return () => { e.on('tick', () => undefined); }; } },
  { name: 'closure kept per call', leaks: true, make: () => { const fns: (() => number)[] = []; let j = 0; return () => { const k = j++; fns.push(() => k); }; } },
  { name: 'string kept per call', leaks: true, make: () => { const ids: string[] = []; let j = 0; return () => { ids.push(`request-${j++}`); }; } },
  { name: 'unbounded memoize (lodash.memoize, new key per call)', leaks: true, make: () => { const square = memoize((x: number) => ({ x, square: x * x })); let j = 0; return () => square(j++ as never); } },
  { name: 'lru-cache max 100', leaks: false, make: () => lru(100) },
  { name: 'lru-cache max 10 000', leaks: false, make: () => lru(10_000) },
  { name: 'memoization of one key (memoize-one)', leaks: false, make: () => { const parse = memoizeOne((text: string) => JSON.parse(text) as unknown); return () => parse('{"a":[1,2,3]}' as never); } },
  { name: 'lazy one-time initialization', leaks: false, make: () => { let table: number[] | undefined; return () => (table ??= Array.from({ length: 10_000 }, (_, i) => i * i)); } },
  { name: 'object pool', leaks: false, make: () => { const pool: { buffer: number[] }[] = []; return () => { const item = pool.pop() ?? { buffer: [0, 0, 0, 0] }; item.buffer[0] = 1; pool.push(item); }; } },
  { name: 'interned strings (50 distinct)', leaks: false, make: () => { const seen = new Map<string, string>(); let j = 0; return () => { const s = `field${j++ % 50}`; return seen.get(s) ?? (seen.set(s, s), s); }; } },
  { name: 'nothing kept (JSON.parse)', leaks: false, make: () => () => JSON.parse('{"a":[1,2,3],"b":"text"}') as unknown },
];

function lru(max: number): () => unknown {
  const cache = new LRUCache<string, { at: number }>({ max });
  let j = 0;
  return () => {
    const key = `k${j++ % (2 * max)}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = { at: j };
    cache.set(key, value);
    return value;
  };
}

test('heap benchmark', async () => {
  record({ kind: 'process', heapBytes: getHeapStatistics().used_heap_size, node: process.version });
  for (let run = 0; run < runs; run++) {
    for (const workload of knownAllocations) {
      try {
        const m = await measureAllocation(workload.run, { maxTimeMs: 1000, stretchToMs: 4000 });
        record({ kind: 'allocation', name: workload.name, trueBytes: workload.trueBytes, bytes: m.bytesPerCall, ms: m.elapsedMs, calls: m.samples.length });
      } catch (error) {
        record({ kind: 'allocation', name: workload.name, trueBytes: workload.trueBytes, error: String(error).split('\n')[0] });
      }
    }
    for (const c of corpus) {
      const fn = c.make();
      const started = performance.now();
      let verdict: 'pass' | 'fail' | 'error' = 'pass';
      let detail = '';
      try {
        await expect(fn).toRetainAtMost(0);
      } catch (error) {
        detail = String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
        verdict = /^expect\(received\)\.toRetainAtMost/.test(detail.replace(ansi, '')) ? 'fail' : 'error';
      }
      record({ kind: 'leak', name: c.name, leaks: c.leaks, verdict, ms: performance.now() - started, ...(verdict === 'error' ? { detail } : {}) });
    }
  }
});
