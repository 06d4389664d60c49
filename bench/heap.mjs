// Measurement quality of the heap matchers in four conditions: Vitest idle, Vitest with two CPU hogs, Jest
// (ts-jest, module commonjs) idle, Jest with two CPU hogs. In each, bench/heap/heap.bench.ts measures the
// known-allocation workloads (bytes known from V8's object layout) and runs toRetainAtMost(0) with default
// options on a corpus of leaks and non-leaks, BENCH_RUNS times (default 20). Prints Markdown tables for
// docs/toAllocateAtMost.md and docs/toRetainAtMost.md, with the machine's load before and after each condition.
// Run with `npm run bench:heap` (builds first). Benchmark-only dependencies (jest, ts-jest, lru-cache, …) are
// installed into bench/heap/node_modules on the first run. BENCH_CONDITIONS=vitest-idle,jest-hogs picks some;
// BENCH_REPORT=bench/results/heap-….jsonl only prints the tables of an earlier (or still running) benchmark.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const project = join(root, 'bench/heap');
const runs = Number(process.env.BENCH_RUNS ?? 20);
const report = process.env.BENCH_REPORT;
let conditions = (process.env.BENCH_CONDITIONS ?? 'vitest-idle,vitest-hogs,jest-idle,jest-hogs').split(',');

const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/^.*load average/, 'load average');
  } catch {
    return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
};
const median = (values) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percent = (measured, truth) => (truth === 0 ? (measured === 0 ? '0' : `${measured} B`) : `${(((measured - truth) / truth) * 100).toFixed(2)}%`);

if (report === undefined && !existsSync(join(project, 'node_modules/ts-jest'))) {
  console.error('[bench:heap] installing the benchmark-only dependencies into bench/heap/node_modules …');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'inherit' });
}

const resultsDir = join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const out = report === undefined ? join(resultsDir, `heap-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`) : resolve(report);
if (report === undefined) rmSync(out, { force: true });
const states = {};

for (const condition of report === undefined ? conditions : []) {
  const [runner, load] = condition.split('-');
  const hogs = load === 'hogs' ? [0, 1].map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' })) : [];
  try {
    if (hogs.length > 0) await new Promise((r) => setTimeout(r, 2000));
    const before = uptime();
    const started = Date.now();
    const command =
      runner === 'vitest'
        ? [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(project, 'vitest.config.mjs')]
        : [join(project, 'node_modules/jest/bin/jest.js'), '--config', join(project, 'jest.config.cjs')];
    const env = { ...process.env, BENCH_OUT: out, BENCH_RUNS: String(runs), BENCH_CONDITION: condition };
    const result = spawnSync(process.execPath, command, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) console.error(`[bench:heap] ${condition}: runner exited ${result.status}\n${(result.stdout + result.stderr).slice(-3000)}`);
    states[condition] = { before, after: uptime(), minutes: ((Date.now() - started) / 60_000).toFixed(1), hogs: hogs.map((h) => h.pid) };
  } finally {
    for (const hog of hogs) hog.kill('SIGKILL');
  }
}

const rows = readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
const of = (kind, condition) => rows.filter((r) => r.kind === kind && r.condition === condition);
if (report !== undefined) conditions = conditions.filter((condition) => rows.some((r) => r.condition === condition));

console.log(`Node ${process.version}, ${os.cpus().length} cores, ${runs} runs per workload and condition; raw results in ${out.slice(root.length + 1)}\n`);
console.log('| condition | heap in use at start | load before | load after | minutes |');
console.log('|---|---:|---|---|---:|');
for (const condition of conditions) {
  const heap = of('process', condition)[0]?.heapBytes;
  const s = states[condition] ?? {};
  console.log(`| ${condition} | ${heap === undefined ? '—' : `${Math.round(heap / 1e6)} MB`} | ${s.before ?? '—'} | ${s.after ?? '—'} | ${s.minutes ?? '—'} |`);
}

console.log('\nKnown allocations (`measureAllocation` with the matcher defaults): median measured per call, its error, spread over runs, errors, ms per assertion (median)\n');
console.log(`| workload | true bytes | ${conditions.join(' | ')} |`);
console.log(`|---|---:|${conditions.map(() => '---|').join('')}`);
const names = [...new Set(rows.filter((r) => r.kind === 'allocation').map((r) => r.name))];
for (const name of names) {
  const truth = rows.find((r) => r.kind === 'allocation' && r.name === name).trueBytes;
  const cells = conditions.map((condition) => {
    const these = of('allocation', condition).filter((r) => r.name === name);
    const ok = these.filter((r) => r.error === undefined);
    const errors = these.length - ok.length;
    if (ok.length === 0) return `${errors} errors`;
    const bytes = ok.map((r) => r.bytes);
    const m = median(bytes);
    return `${m} B (${percent(m, truth)}), spread ${Math.max(...bytes) - Math.min(...bytes)} B, ${errors} err, ${median(ok.map((r) => r.ms)).toFixed(0)} ms`;
  });
  console.log(`| ${name} | ${truth} | ${cells.join(' | ')} |`);
}

console.log('\nLeak corpus (`toRetainAtMost(0)`, default options): right verdicts of runs, errors, ms per assertion (median, max)\n');
console.log(`| case | leaks? | ${conditions.join(' | ')} |`);
console.log(`|---|---|${conditions.map(() => '---|').join('')}`);
const cases = [...new Set(rows.filter((r) => r.kind === 'leak').map((r) => r.name))];
for (const name of cases) {
  const leaks = rows.find((r) => r.kind === 'leak' && r.name === name).leaks;
  const cells = conditions.map((condition) => {
    const these = of('leak', condition).filter((r) => r.name === name);
    const right = these.filter((r) => r.verdict === (leaks ? 'fail' : 'pass')).length;
    const errors = these.filter((r) => r.verdict === 'error').length;
    const ms = these.map((r) => r.ms);
    return `${right}/${these.length}${errors > 0 ? `, ${errors} err` : ''}, ${median(ms).toFixed(0)} ms (max ${Math.max(...ms).toFixed(0)})`;
  });
  console.log(`| ${name} | ${leaks ? 'yes' : 'no'} | ${cells.join(' | ')} |`);
}
const errors = rows.filter((r) => r.error !== undefined || r.verdict === 'error');
if (errors.length > 0) {
  console.log('\nErrors:');
  for (const e of errors.slice(0, 20)) console.log(`- ${e.condition} ${e.name}: ${e.error ?? e.detail}`);
}
