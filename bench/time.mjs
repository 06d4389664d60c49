// `npm run bench:time`: false-fail and detection rates of toRunUnder's engine against the naive approach, idle and
// with two competing CPU-bound processes, for a 100 µs and a 1 µs function; and time to verdict.
// Usage: node bench/time.mjs [assertionsPerCell=200] [processes=10] [--nodes=20,22,24]
// With --nodes, Node 22 and 24 come from the npm packages node@22 / node@24 (installed once into bench/.nodes)
// and the benchmark reruns itself on each; the tables of all runs are written to bench/results/time.json.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { loadavg, cpus } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureTime } from '../dist/esm/index.js';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const assertions = Number(positional[0] ?? 200);
const processes = Number(positional[1] ?? 10);
const perProcess = Math.ceil(assertions / processes);
const worker = new URL('./timeWorker.mjs', import.meta.url).pathname;
const resultsFile = new URL('./results/time.json', import.meta.url);

const nodesFlag = flags.find((f) => f.startsWith('--nodes='));
if (nodesFlag !== undefined) {
  const reports = [];
  for (const version of nodesFlag.slice('--nodes='.length).split(',')) {
    const node = nodeBinary(version);
    console.log(`\n# Node ${execFileSync(node, ['--version']).toString().trim()}`);
    const run = spawnSync(node, [new URL(import.meta.url).pathname, String(assertions), String(processes)], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
    reports.push(JSON.parse(readFileSync(resultsFile, 'utf8')));
  }
  writeFileSync(resultsFile, `${JSON.stringify(reports, null, 2)}\n`);
  process.exit(0);
}

function nodeBinary(version) {
  if (process.version.startsWith(`v${version}.`)) return process.execPath;
  const prefix = new URL(`./.nodes/${version}`, import.meta.url).pathname;
  const binary = join(prefix, 'node_modules/.bin/node');
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `node@${version}`], { cwd: prefix, stdio: 'inherit' });
  }
  return binary;
}

const sqrt = Math.sqrt;
const spin = (iterations) => () => {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += sqrt(i);
  return x;
};

async function calibrate(targetNs) {
  // Find the iteration count whose median CPU time is targetNs, then measure it precisely: that is the "true" time.
  let iterations = 1000;
  for (let round = 0; round < 4; round++) {
    const { medianNs } = await measureTime(spin(iterations), { maxTimeMs: 500, precision: 0.02 });
    iterations = Math.max(1, Math.round((iterations * targetNs) / medianNs));
  }
  const { medianNs, medianLowerNs, medianUpperNs } = await measureTime(spin(iterations), { maxTimeMs: 3000, precision: 0.01 });
  return { iterations, trueNs: medianNs, lowerNs: medianLowerNs, upperNs: medianUpperNs };
}

function runWorker(config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').map((l) => JSON.parse(l))) : reject(new Error(`worker exit ${code}`))));
  });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cells = [
  ['100us', 'at60', 0.6, '100 µs at 60% of budget (should pass)'],
  ['100us', 'at150', 1.5, '100 µs at 150% of budget (should fail)'],
  ['100us', 'at200', 2.0, '100 µs at 200% of budget (should fail)'],
  ['100us', 'async60', 0.6, '100 µs async variant at 60%, wall clock (should pass)'],
  ['1us', 'at60', 0.6, '1 µs at 60% of budget (should pass)'],
  ['1us', 'at150', 1.5, '1 µs at 150% of budget (should fail)'],
  ['1us', 'at200', 2.0, '1 µs at 200% of budget (should fail)'],
];

async function condition(name, hogs) {
  const hogProcesses = [];
  for (let i = 0; i < hogs; i++) hogProcesses.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  if (hogs > 0) await new Promise((r) => setTimeout(r, 500));
  try {
    const load = loadavg()[0];
    const calibrations = { '100us': await calibrate(100_000), '1us': await calibrate(1_000) };
    const rows = [];
    for (const [fn, cal] of Object.entries(calibrations)) {
      const mine = cells.filter(([f]) => f === fn);
      const budgetsNs = Object.fromEntries(mine.map(([, label, ratio]) => [label, cal.trueNs / ratio]));
      for (let p = 0; p < processes; p++) {
        const out = await runWorker({ iterations: cal.iterations, budgetsNs, repeats: perProcess, asyncLabels: ['async60'] });
        rows.push(...out.map((r) => ({ ...r, fn })));
      }
    }
    const summary = {};
    for (const [fn, label] of cells) {
      const cell = rows.filter((r) => r.fn === fn && r.label === label);
      summary[`${fn}/${label}`] = {
        n: cell.length,
        perfspecFail: cell.filter((r) => !r.pass).length,
        perfspecInconclusive: cell.filter((r) => r.verdict === 'inconclusive').length,
        naiveFail: cell.filter((r) => !r.naivePass).length,
        medianElapsedMs: median(cell.map((r) => r.elapsedMs)),
        medianCpuWall: median(cell.map((r) => r.cpuWall)),
        medianBatch: median(cell.map((r) => r.batchSize)),
        clocks: [...new Set(cell.map((r) => `${r.clock}${r.clock === 'cpu' ? `: ${r.cpuSource}` : ''}`))],
      };
    }
    return { name, hogs, loadAtStart: load, loadAtEnd: loadavg()[0], calibrations, summary };
  } finally {
    for (const hog of hogProcesses) hog.kill();
  }
}

const startedAt = new Date().toISOString();
const idle = await condition('no competing process', 0);
const loaded = await condition('two competing CPU-bound processes', 2);
const report = { startedAt, node: process.version, cores: cpus().length, uptime: execFileSync('uptime').toString().trim(), assertions, processes, conditions: [idle, loaded] };
writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);

const pct = (a, n) => `${a}/${n} (${((100 * a) / n).toFixed(1)}%)`;
for (const c of report.conditions) {
  console.log(`\n## Node ${report.node}, ${c.name} (1-min load ${c.loadAtStart.toFixed(2)} → ${c.loadAtEnd.toFixed(2)} on ${report.cores} cores; true times ${(c.calibrations['100us'].trueNs / 1e3).toFixed(1)} µs and ${(c.calibrations['1us'].trueNs / 1e3).toFixed(2)} µs)`);
  console.log('| function vs budget | perfspec fails | of which inconclusive | naive (one timed call) fails | perfspec median time per assertion | median batch | clock |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [fn, label, , title] of cells) {
    const s = c.summary[`${fn}/${label}`];
    console.log(`| ${title} | ${pct(s.perfspecFail, s.n)} | ${s.perfspecInconclusive} | ${pct(s.naiveFail, s.n)} | ${s.medianElapsedMs.toFixed(0)} ms | ${s.medianBatch} | ${s.clocks.join('; ')} |`);
  }
}
console.log(`\n${report.uptime}`);
