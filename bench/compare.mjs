// `npm run bench:compare`: toBeFasterThan's engine (judgeSpeedup) against Vitest 5's toBeFasterThan rule (delta on
// the mean of a tinybench run) and a naive "median of 9 each", at true speedups 1.0–3.0 against by 1.0 and 1.5,
// idle and with two competing CPU hogs. Blocks of assertions alternate between the conditions, each block in a
// fresh process, so that both conditions see the same hours of a shared machine.
// Usage: node bench/compare.mjs [assertionsPerCell=200] [block=10] [stopAfterMinutes=60]
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { measureTime } from '../dist/esm/index.js';

const assertions = Number(process.argv[2] ?? 200);
const block = Number(process.argv[3] ?? 10);
const stopAfterMs = Number(process.argv[4] ?? 60) * 60_000;
const vitestTimeMs = Number(process.env.COMPARE_VITEST_TIME_MS ?? 100);
const ratios = [1, 1.2, 1.5, 2, 3];
const bys = [1, 1.5];
const worker = new URL('./compareWorker.mjs', import.meta.url).pathname;
const out = new URL('./results/compare.json', import.meta.url).pathname;

let sink = 0;
function work(count) {
  let x = 0;
  for (let i = 0; i < count; i++) x = (x * 31 + i) % 1000003;
  sink ^= x;
}

async function calibrate(targetNs) {
  let iterations = 10_000;
  for (let round = 0; round < 4; round++) {
    const { medianNs } = await measureTime(() => work(iterations), { maxTimeMs: 500, precision: 0.02 });
    iterations = Math.max(1, Math.round((iterations * targetNs) / medianNs));
  }
  return iterations;
}

const hogs = new Set();
function startHogs() {
  for (let i = 0; i < 2; i++) hogs.add(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}
function stopHogs() {
  for (const hog of hogs) hog.kill('SIGKILL');
  hogs.clear();
}
process.on('exit', stopHogs);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

function runBlock(config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('exit', (code) => (code === 0 ? resolve(text.trim().split('\n').map((l) => JSON.parse(l))) : reject(new Error(`worker exit ${code}`))));
  });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const iterations = await calibrate(100_000);
const machine = { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, iterations, vitestTimeMs, started: new Date().toISOString() };
console.log('calibrated', machine);
const records = [];
const loads = { idle: [], hogs: [] };
const started = Date.now();
for (let done = 0; done < assertions && Date.now() - started < stopAfterMs; done += block) {
  for (const condition of ['idle', 'hogs']) {
    if (condition === 'hogs') {
      startHogs();
      await new Promise((r) => setTimeout(r, 300));
    }
    loads[condition].push(loadavg()[0]);
    try {
      const rows = await runBlock({ iterations, ratios, bys, repeats: Math.min(block, assertions - done), vitestTimeMs });
      records.push(...rows.map((row) => ({ ...row, condition })));
    } finally {
      stopHogs();
    }
  }
  writeFileSync(out, JSON.stringify({ machine, loads, records }, null, 1));
  console.log(`${done + Math.min(block, assertions - done)} per cell after ${((Date.now() - started) / 60_000).toFixed(1)} min, load ${loadavg()[0].toFixed(1)}`);
}

// A pass is false when the true speedup is at most `by` (equal functions must never pass "faster"); a fail is
// false when the true speedup exceeds `by`. At ratio === by a fail is accepted.
const lines = [];
for (const condition of ['idle', 'hogs']) {
  const l = loads[condition];
  lines.push(`\n${condition}: 1-min load ${Math.min(...l).toFixed(1)}–${Math.max(...l).toFixed(1)} (median ${median(l).toFixed(1)}) on ${machine.cores} cores${condition === 'hogs' ? ', plus two `node -e "for(;;){}"`' : ''}`);
  lines.push('ratio  by   | perfspec: n  pass  fail  inc  assert-pass  med ms  p90 ms | vitest rule: pass  med ms | naive 9+9: pass  med ms');
  for (const ratio of ratios) {
    for (const by of bys) {
      const cell = (method) => records.filter((r) => r.condition === condition && r.method === method && r.ratio === ratio && r.by === by);
      const p = cell('perfspec');
      const v = cell('vitest');
      const n = cell('naive');
      const pct = (rows, f) => (rows.length === 0 ? '   -' : `${((100 * rows.filter(f).length) / rows.length).toFixed(1).padStart(5)}%`);
      const ms = (rows) => median(rows.map((r) => r.ms)).toFixed(0).padStart(6);
      const p90 = (rows) => {
        const s = rows.map((r) => r.ms).sort((a, b) => a - b);
        return (s[Math.floor(0.9 * (s.length - 1))] ?? NaN).toFixed(0).padStart(6);
      };
      const expected = ratio > by ? 'pass' : 'not pass';
      lines.push(
        `${String(ratio).padEnd(5)}  ${String(by).padEnd(3)}  | ${String(p.length).padStart(10)} ${pct(p, (r) => r.verdict === 'pass')} ${pct(p, (r) => r.verdict === 'fail')} ${pct(p, (r) => r.verdict === 'inconclusive')} ${pct(p, (r) => r.pass)}     ${ms(p)} ${p90(p)} |       ${pct(v, (r) => r.pass)} ${ms(v)} |     ${pct(n, (r) => r.pass)} ${ms(n)} | should ${expected}`,
      );
    }
  }
}
const text = `bench:compare — ${JSON.stringify(machine)}${lines.join('\n')}\n`;
console.log(text);
writeFileSync(new URL('./results/compare.txt', import.meta.url).pathname, text);
if (sink === 0.5) console.error('unreachable');
