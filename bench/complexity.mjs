// Benchmark of toScaleAtMost's verdicts on a corpus of known algorithms: each asserted against its
// own class (must pass) and against classes at least n^0.5 below it (must fail; with 'ops', every class below),
// repeated, idle and with a competing CPU-bound process. And @jsheaven/perf on the same corpus.
//
//   npm run bench:complexity                  (builds first)
//   REPS=5 CONDITIONS=idle METRICS=ops node bench/complexity.mjs
//   JSHEAVEN=off node bench/complexity.mjs   (skip @jsheaven/perf, which otherwise runs from node_modules)
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { countOp, matchers, sized } from '../dist/esm/index.js';

const reps = Number(process.env.REPS ?? 20);
const conditions = (process.env.CONDITIONS ?? 'idle,loaded').split(',');
const metrics = (process.env.METRICS ?? 'time,ops').split(',');
const only = process.env.ONLY?.split(',');
const classes = ['1', 'log n', 'n', 'n log n', 'n^2', 'n^3', '2^n'];

// Inputs that the measured call does not modify are built once per n and shared (see docs: a good workload).
const cache = new Map();
const cached = (key, n, build) => {
  const id = `${key}:${n}`;
  if (!cache.has(id)) cache.set(id, build(n));
  return cache.get(id);
};
const randomArray = (n) => Float64Array.from({ length: n }, () => Math.random());
const sortedArray = (n) => Float64Array.from({ length: n }, (_, i) => i);
const mapOf = (n) => new Map(Array.from({ length: n }, (_, i) => [i, i]));

function binarySearch(a, x, count) {
  let low = 0;
  let high = a.length - 1;
  while (low <= high) {
    if (count) countOp();
    const mid = (low + high) >>> 1;
    if (a[mid] < x) low = mid + 1;
    else if (a[mid] > x) high = mid - 1;
    else return mid;
  }
  return -1;
}
function sum(a, count) {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    if (count) countOp();
    s += a[i];
  }
  return s;
}
function nested(a, count) {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) {
    if (count) countOp();
    s += a[i] * a[j];
  }
  return s;
}
function nestedSqrt(a, count) {
  const m = Math.ceil(Math.sqrt(a.length));
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < m; j++) {
    if (count) countOp();
    s += a[i] * a[j];
  }
  return s;
}
function cubic(a, count) {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) for (let k = 0; k < a.length; k++) {
    if (count) countOp();
    s += a[i] * a[j] - a[k];
  }
  return s;
}
function doubling(k, count) {
  if (count) countOp();
  return k <= 0 ? 1 : doubling(k - 1, count) + doubling(k - 1, count);
}
function overheadThenSum(a, count) {
  let s = 0;
  // A fixed cost of roughly 0.2 ms, then linear work.
  for (let i = 0; i < 200_000; i++) s += Math.sqrt(i);
  if (count) countOp(200_000);
  return s + sum(a, count);
}

const corpus = [
  { name: 'Map lookup', own: '1', make: (count) => sized((n) => ({ map: cached('map', n, mapOf), key: Math.floor(Math.random() * n) }), ({ map, key }) => (count && countOp(), map.get(key))) },
  { name: 'binary search', own: 'log n', make: (count) => sized((n) => ({ a: cached('sorted', n, sortedArray), x: Math.floor(Math.random() * n) }), ({ a, x }) => binarySearch(a, x, count)) },
  { name: 'linear sum', own: 'n', make: (count) => sized((n) => cached('random', n, randomArray), (a) => sum(a, count)) },
  { name: 'Array sort', own: 'n log n', make: (count) => sized((n) => Array.from({ length: n }, () => Math.random()), (a) => a.sort((x, y) => (count && countOp(), x - y))) },
  { name: 'nested loop', own: 'n^2', make: (count) => sized((n) => cached('random', n, randomArray), (a) => nested(a, count)) },
  { name: 'n^1.5 loop', own: 'n^2', actual: 1.5, make: (count) => sized((n) => cached('random', n, randomArray), (a) => nestedSqrt(a, count)) },
  { name: 'cubic loop', own: 'n^3', make: (count) => sized((n) => cached('random', n, randomArray), (a) => cubic(a, count)) },
  { name: '2^n recursion', own: '2^n', make: (count) => (n) => doubling(n, count) },
  { name: 'linear + 0.2 ms overhead', own: 'n', make: (count) => sized((n) => cached('random', n, randomArray), (a) => overheadThenSum(a, count)) },
].filter((item) => only === undefined || only.includes(item.name));

// Growth exponent of each class for the "at least n^0.5 below" rule (log factors count as 0.25 at these sizes
// only for ordering; 2^n is above every polynomial).
const degree = { '1': 0, 'log n': 0.1, n: 1, 'n log n': 1.1, 'n^2': 2, 'n^3': 3, '2^n': 99 };
function cases(item, metric) {
  const actual = item.actual ?? degree[item.own];
  const below = classes.filter((c) => (metric === 'ops' ? degree[c] < actual && c !== item.own : degree[c] <= actual - 0.5));
  return [{ bound: item.own, expectPass: true }, ...below.map((bound) => ({ bound, expectPass: false }))];
}

async function runCondition(metric, condition) {
  const hog = condition === 'loaded' ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : undefined;
  const load = { before: loadavg().map((x) => x.toFixed(2)).join(' ') };
  const rows = [];
  try {
    for (let rep = 0; rep < reps; rep++) {
      for (const item of corpus) {
        const workload = item.make(metric === 'ops');
        for (const { bound, expectPass } of cases(item, metric)) {
          const started = performance.now();
          const result = await matchers.toScaleAtMost.call({}, workload, bound, metric === 'time' ? undefined : { metric });
          const ms = performance.now() - started;
          const message = result.message();
          const inconclusive = message.includes('Verdict:  inconclusive');
          const row = { metric, condition, rep, name: item.name, bound, expectPass, pass: result.pass, inconclusive, ms };
          if (result.pass !== expectPass || inconclusive) row.message = message;
          rows.push(row);
        }
      }
      process.stderr.write(`${metric}/${condition}: rep ${rep + 1}/${reps} done\n`);
    }
  } finally {
    hog?.kill();
  }
  load.after = loadavg().map((x) => x.toFixed(2)).join(' ');
  return { rows, load };
}

function summarize(rows) {
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
  const correct = rows.filter((r) => r.pass === r.expectPass).length;
  return {
    assertions: rows.length,
    correctPercent: ((100 * correct) / rows.length).toFixed(2),
    falseFails: rows.filter((r) => r.expectPass && !r.pass).length,
    falsePasses: rows.filter((r) => !r.expectPass && r.pass).length,
    inconclusive: rows.filter((r) => r.inconclusive).length,
    medianMs: q(0.5).toFixed(0),
    p95Ms: q(0.95).toFixed(0),
    maxMs: (ms.at(-1) ?? NaN).toFixed(0),
  };
}

async function runJsheaven(path, condition) {
  const { perf } = await import(path);
  const rank = { 'O(1)': 0, 'O(log n)': 1, 'O(n)': 2, 'O(n log n)': 3, 'O(nˣ)': 5, 'O(Xⁿ)': 6, 'O(n!)': 7 };
  const boundRank = { '1': 0, 'log n': 1, n: 2, 'n log n': 3, 'n^2': 5, 'n^3': 5, '2^n': 6 };
  const defaultSizes = [1, 2, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 150, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
  const maxN = { 'cubic loop': 150, '2^n recursion': 20 };
  const hog = condition === 'loaded' ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : undefined;
  const rows = [];
  const jsReps = Number(process.env.JSHEAVEN_REPS ?? 5);
  const log = console.log;
  try {
    for (let rep = 0; rep < jsReps; rep++) {
      for (const item of corpus) {
        const workload = item.make(false);
        const fn = typeof workload === 'function' ? async (n) => void workload(n) : async (n) => void workload.run(await workload.setup(n));
        const sizes = defaultSizes.filter((n) => n <= (maxN[item.name] ?? Infinity));
        const started = performance.now();
        console.log = () => {};
        const result = await perf([{ name: item.name, fn }], sizes, true, 20, 5000, 1);
        console.log = log;
        const ms = performance.now() - started;
        const domains = result[item.name]?.estimatedDomains ?? [];
        // Its most complex candidate is its answer to "grows at most like …?" (the conservative reading).
        const worst = Math.max(...domains.map((d) => rank[d.scientificNotation] ?? 99), -1);
        for (const { bound, expectPass } of cases(item, 'time')) {
          rows.push({ name: item.name, bound, expectPass, pass: worst >= 0 && worst <= boundRank[bound], ms, domains: domains.map((d) => d.scientificNotation).join(' ') });
        }
      }
      process.stderr.write(`jsheaven/${condition}: rep ${rep + 1}/${jsReps} done\n`);
    }
  } finally {
    console.log = log;
    hog?.kill();
  }
  return rows;
}

const report = { date: new Date().toISOString(), node: process.version, cores: availableParallelism(), reps, runs: [] };
console.log(`toScaleAtMost benchmark: ${reps} repetitions, Node ${process.version}, ${availableParallelism()} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const metric of metrics) {
  for (const condition of conditions) {
    const { rows, load } = await runCondition(metric, condition);
    const summary = summarize(rows);
    report.runs.push({ tool: 'perfspec', metric, condition, load, summary, wrong: rows.filter((r) => r.pass !== r.expectPass || r.inconclusive) });
    console.log(`perfspec ${metric.padEnd(4)} ${condition.padEnd(6)} load ${load.before} → ${load.after}: ${JSON.stringify(summary)}`);
    for (const r of rows.filter((x) => x.pass !== x.expectPass)) console.log(`  WRONG ${r.name} vs ${r.bound}: expected ${r.expectPass ? 'pass' : 'fail'}\n${r.message}`);
  }
}
// @jsheaven/perf is a devDependency, so it runs side by side by default; JSHEAVEN=off skips it, a path picks a build.
const jsheaven =
  process.env.JSHEAVEN === 'off' ? undefined : (process.env.JSHEAVEN ?? new URL('../node_modules/@jsheaven/perf/dist/index.esm.js', import.meta.url).pathname);
if (jsheaven !== undefined) {
  for (const condition of conditions) {
    const rows = await runJsheaven(jsheaven, condition);
    const summary = summarize(rows);
    report.runs.push({ tool: '@jsheaven/perf', metric: 'time', condition, summary, answers: [...new Set(rows.map((r) => `${r.name}: ${r.domains}`))] });
    console.log(`@jsheaven/perf time ${condition.padEnd(6)}: ${JSON.stringify(summary)}`);
    for (const answer of new Set(rows.map((r) => `${r.name}: ${r.domains}`))) console.log(`  ${answer}`);
  }
}
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/complexity-${report.date.replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`written ${file}`);
