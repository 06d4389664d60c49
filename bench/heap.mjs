// Measurement quality of measureAllocation against bytes known from V8's object layout (knownAllocations.mjs),
// next to the approach users hand-roll: process.memoryUsage().heapUsed before and after one call.
// Run with `npm run bench:heap` (builds first). Prints a Markdown table for docs/toAllocateAtMost.md.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { measureAllocation, measureRetention } from '../dist/esm/index.js';
import { knownAllocations } from './knownAllocations.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percent = (measured, truth) => (truth === 0 ? (measured === 0 ? '0' : '—') : `${(((measured - truth) / truth) * 100).toFixed(2)}%`);
const uptime = (() => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
})();

function naive(run) {
  for (let i = 0; i < 100; i++) run();
  const before = process.memoryUsage().heapUsed;
  const result = run();
  const after = process.memoryUsage().heapUsed;
  void result;
  return after - before;
}

console.log(`Node ${process.version}, ${os.cpus().length} cores, ${runs} runs per workload`);
console.log(`Machine state at start: ${uptime}\n`);
console.log('| workload | true bytes | measured (median) | error | spread over runs | ms per assertion (median) | naive heapUsed (median) | naive error | naive spread |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const workload of knownAllocations) {
  const measured = [];
  const times = [];
  for (let i = 0; i < runs; i++) {
    const result = await measureAllocation(workload.run, { maxTimeMs: 10_000 });
    measured.push(result.bytesPerCall);
    times.push(result.elapsedMs);
  }
  const naives = [];
  for (let i = 0; i < runs; i++) naives.push(naive(workload.run));
  const m = median(measured);
  const n = median(naives);
  console.log(
    `| ${workload.name} | ${workload.trueBytes} | ${m} | ${percent(m, workload.trueBytes)} | ${Math.max(...measured) - Math.min(...measured)} B | ${median(times).toFixed(0)} | ${n} | ${percent(n, workload.trueBytes)} | ${Math.max(...naives) - Math.min(...naives)} B |`,
  );
}

const kept = [];
const leak = () => kept.push({ id: kept.length });
const noLeak = () => JSON.parse('{"a":[1,2,3]}');
for (const [name, run] of [['32 B/call leak', leak], ['no leak (JSON.parse)', noLeak]]) {
  const times = [];
  let growth = [];
  for (let i = 0; i < Math.min(runs, 5); i++) {
    const result = await measureRetention(run, { maxTimeMs: 10_000 });
    times.push(result.elapsedMs);
    growth = result.growthBytes;
  }
  console.log(`\nmeasureRetention, ${name}: growth per block ${growth.join(', ')} B; ${median(times).toFixed(0)} ms per assertion (median)`);
}
console.log(`\nMachine state at end: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
