// bench:corpus (issue 11): toScaleAtMost on published npm performance bugs. Each verified pair (verify.mjs) is
// judged twice with default options: the fixed version against the class it meets (must pass) and the buggy
// version against the same class (must fail); the must-pass cases (memory steps, gc-heavy and hash-growth
// linear code, a memory-bound O(1) lookup) against their true class. Conditions: idle, two CPU hogs, and under
// Jest 30 (a generated project with the packed tarball), and on demand under Vitest (CONDITIONS=vitest). Side by side: a naive two-size ratio test and
// @jsheaven/perf. Writes bench/results/corpus-<date>.json and prints a summary.
//
//   npm run bench:corpus                                   (builds first; 3 reps idle, hogs, jest)
//   REPS=1 CONDITIONS=idle TOOLS=perfspec node bench/corpus/run.mjs
//   ONLY='lodash uniq on distinct ints' CONDITIONS=jest REPS=10 node bench/corpus/run.mjs
//   SLOWEST=10 …                                           (also prints the 10 slowest verdicts' median ms)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureInstalled } from './install.mjs';

const root = resolve(import.meta.dirname, '../..');
const reps = Number(process.env.REPS ?? 3);
const conditions = (process.env.CONDITIONS ?? 'idle,hogs,jest').split(',');
const tools = (process.env.TOOLS ?? 'perfspec,naive,jsheaven').split(',');
const only = process.env.ONLY?.split(',');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

ensureInstalled();
const verifiedFile = join(root, 'bench/results/corpus-verified.json');
if (!existsSync(verifiedFile)) execFileSync(process.execPath, [join(root, 'bench/corpus/verify.mjs')], { stdio: 'inherit' });
const verifiedNames = new Set(JSON.parse(readFileSync(verifiedFile, 'utf8')).verified.map((v) => v.name));
const { cases, mustPass, load: loadModule } = (await import('./cases.cjs')).default;

/** Everything judged: one entry per version and bound, with the verdict it must get. */
export function corpusItems() {
  const items = [];
  for (const c of cases) {
    if (!verifiedNames.has(c.name)) continue;
    items.push({ label: `${c.name} — fixed ${c.fixed.split('/')[0]}`, name: c.name, version: 'fixed', module: c.fixed, bound: c.fixedClass, expectPass: true, kind: c.kind });
    items.push({ label: `${c.name} — buggy ${c.buggy.split('/')[0]}`, name: c.name, version: 'buggy', module: c.buggy, bound: c.fixedClass, expectPass: false, kind: c.kind });
  }
  for (const m of mustPass) items.push({ label: `${m.name} — must pass`, name: m.name, version: 'only', module: m.module, bound: m.fixedClass, expectPass: true, kind: m.kind });
  return items.filter((i) => only === undefined || only.includes(i.name));
}
const items = corpusItems();
const definition = (item) => cases.find((c) => c.name === item.name) ?? mustPass.find((m) => m.name === item.name);
const workloadParts = (item) => {
  const def = definition(item);
  const mod = item.module === undefined ? undefined : loadModule(item.module);
  return { setup: (n) => def.input(n), run: (input) => def.run(mod, input) };
};

const quietWarnings = () => {
  const warn = console.warn;
  console.warn = () => {};
  return () => (console.warn = warn);
};

async function perfspecInProcess(condition, rows) {
  const { matchers, sized } = await import(join(root, 'dist/esm/index.js'));
  for (let rep = 0; rep < reps; rep++) {
    for (const item of items) {
      const { setup, run } = workloadParts(item);
      const restore = quietWarnings();
      const started = performance.now();
      const result = await matchers.toScaleAtMost.call({}, sized(setup, run), item.bound);
      const ms = performance.now() - started;
      restore();
      const message = result.message();
      rows.push({ tool: 'perfspec', condition, rep, label: item.label, bound: item.bound, expectPass: item.expectPass, pass: result.pass, inconclusive: message.includes('Verdict:  inconclusive'), ms, ...(result.pass !== item.expectPass ? { message } : {}) });
    }
    process.stderr.write(`perfspec/${condition}: rep ${rep + 1}/${reps} done (load ${load()})\n`);
  }
}

/** A corpus test file for a runner: its imports (`preamble`), then one test per item and repetition, each writing its row. */
function corpusTestFile(preamble) {
  return `${preamble}const items = JSON.parse(process.env.CORPUS_ITEMS);
const out = process.env.CORPUS_OUT;
for (let rep = 0; rep < Number(process.env.CORPUS_REPS); rep++) {
  for (const item of items) {
    test(\`\${item.label} (rep \${rep})\`, async () => {
      const def = cases.find((c) => c.name === item.name) ?? mustPass.find((m) => m.name === item.name);
      const mod = item.module === undefined ? undefined : load(item.module);
      const warn = console.warn;
      console.warn = () => {};
      const started = performance.now();
      let pass = true;
      let message;
      try {
        await expect(sized((n) => def.input(n), (input) => def.run(mod, input))).toScaleAtMost(item.bound);
      } catch (error) {
        pass = false;
        message = String(error.message);
      }
      const ms = performance.now() - started;
      console.warn = warn;
      appendFileSync(out, JSON.stringify({ rep, label: item.label, bound: item.bound, expectPass: item.expectPass, pass, ms, ...(pass !== item.expectPass ? { message } : {}) }) + '\\n');
    });
  }
}
`;
}

/** The rows a runner's corpus tests wrote, as rows of `condition`. */
function readRunnerRows(condition, runnerName, out, run, rows) {
  if (!existsSync(out)) throw new Error(`${runnerName} wrote no rows (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  for (const line of readFileSync(out, 'utf8').trim().split('\n')) {
    const row = JSON.parse(line);
    rows.push({ tool: 'perfspec', condition, ...row, inconclusive: (row.message ?? '').includes('Verdict:  inconclusive') });
  }
}

function perfspecUnderJest(rows) {
  const dir = join(root, 'bench/corpus/.jest');
  const tarballDir = join(root, 'test/packed/.work');
  mkdirSync(tarballDir, { recursive: true });
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tarballDir], { cwd: root, encoding: 'utf8' }));
  const tarball = join(tarballDir, packed[0].filename);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'perfspec-corpus-jest', private: true, dependencies: { perfspec: `file:${tarball}`, jest: '^30.0.0' } }, null, 2));
  // Reinstall perfspec each time: the tarball's content changes with the build under test.
  rmSync(join(dir, 'node_modules/perfspec'), { recursive: true, force: true });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  writeFileSync(join(dir, 'jest.config.js'), "module.exports = { setupFilesAfterEnv: ['perfspec/jest'], testMatch: ['**/corpus.test.js'], testTimeout: 120000 };\n");
  writeFileSync(join(dir, 'corpus.test.js'), corpusTestFile(`const { appendFileSync } = require('node:fs');
const { sized } = require('perfspec');
const { cases, mustPass, load } = require(${JSON.stringify(join(root, 'bench/corpus/cases.cjs'))});
`));
  const out = join(dir, 'rows.jsonl');
  rmSync(out, { force: true });
  const run = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', '--runInBand', '--silent'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CORPUS_ITEMS: JSON.stringify(items), CORPUS_OUT: out, CORPUS_REPS: String(reps), FORCE_COLOR: '0' },
  });
  readRunnerRows('jest', 'Jest', out, run, rows);
  process.stderr.write(`perfspec/jest: ${reps} reps done (load ${load()})\n`);
}

function perfspecUnderVitest(rows) {
  const dir = join(root, 'bench/corpus/.vitest');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: { setupFiles: [${JSON.stringify(join(root, 'dist/esm/vitest.js'))}], include: ['corpus.test.mjs'], testTimeout: 120000, fileParallelism: false } };\n`);
  writeFileSync(join(dir, 'corpus.test.mjs'), corpusTestFile(`import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { sized } from ${JSON.stringify(join(root, 'dist/esm/index.js'))};
const require = createRequire(import.meta.url);
const { cases, mustPass, load } = require(${JSON.stringify(join(root, 'bench/corpus/cases.cjs'))});
`));
  const out = join(dir, 'rows.jsonl');
  rmSync(out, { force: true });
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(dir, 'vitest.config.mjs'), '--root', dir, '--reporter=dot'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CORPUS_ITEMS: JSON.stringify(items), CORPUS_OUT: out, CORPUS_REPS: String(reps), FORCE_COLOR: '0' },
  });
  readRunnerRows('vitest', 'Vitest', out, run, rows);
  process.stderr.write(`perfspec/vitest: ${reps} reps done (load ${load()})\n`);
}

// The naive test many people write: time a call at two sizes 10× apart and compare the ratio with g's.
const degree = { '1': 0, 'log n': 0, n: 1, 'n log n': 1.1, 'n^2': 2, 'n^3': 3 };
function naive(condition, rows) {
  for (let rep = 0; rep < reps; rep++) {
    for (const item of items) {
      const { setup, run } = workloadParts(item);
      const restore = quietWarnings();
      const started = performance.now();
      const median = (n) => {
        const times = [];
        for (let i = 0; i < 7; i++) {
          const input = setup(n);
          const t = performance.now();
          run(input);
          times.push(performance.now() - t);
          if (times.at(-1) > 2000) return Infinity;
        }
        return times.sort((a, b) => a - b)[3];
      };
      const small = median(500);
      const large = median(5000);
      const pass = large / Math.max(small, 1e-4) <= 2 * 10 ** degree[item.bound];
      restore();
      rows.push({ tool: 'naive two-size ratio', condition, rep, label: item.label, bound: item.bound, expectPass: item.expectPass, pass, ms: performance.now() - started });
    }
  }
}

async function jsheaven(condition, rows) {
  const { perf } = await import(join(root, 'node_modules/@jsheaven/perf/dist/index.esm.js'));
  const rank = { 'O(1)': 0, 'O(log n)': 1, 'O(n)': 2, 'O(n log n)': 3, 'O(nˣ)': 5, 'O(Xⁿ)': 6, 'O(n!)': 7 };
  const boundRank = { '1': 0, 'log n': 1, n: 2, 'n log n': 3, 'n^2': 5, 'n^3': 5 };
  const defaultSizes = [1, 2, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 150, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
  const log = console.log;
  for (const item of items) {
    const { setup, run } = workloadParts(item);
    const fn = async (n) => void run(setup(n));
    const sizes = defaultSizes.filter((n) => n <= (item.kind === 'redos' && item.bound === 'n^2' ? 300 : 1000));
    const restore = quietWarnings();
    const started = performance.now();
    console.log = () => {};
    const result = await perf([{ name: item.label, fn }], sizes, true, 20, 5000, 1);
    console.log = log;
    restore();
    const domains = result[item.label]?.estimatedDomains ?? [];
    const worst = Math.max(...domains.map((d) => rank[d.scientificNotation] ?? 99), -1);
    rows.push({ tool: '@jsheaven/perf', condition, rep: 0, label: item.label, bound: item.bound, expectPass: item.expectPass, pass: worst >= 0 && worst <= boundRank[item.bound], ms: performance.now() - started, answer: domains.map((d) => d.scientificNotation).join(' ') });
  }
}

function summarize(rows) {
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
  return {
    verdicts: rows.length,
    right: rows.filter((r) => r.pass === r.expectPass).length,
    falseFails: rows.filter((r) => r.expectPass && !r.pass).length,
    falsePasses: rows.filter((r) => !r.expectPass && r.pass).length,
    inconclusive: rows.filter((r) => r.inconclusive).length,
    medianMs: Math.round(q(0.5)),
    p95Ms: Math.round(q(0.95)),
    maxMs: Math.round(ms.at(-1) ?? NaN),
  };
}

const report = { date: new Date().toISOString(), node: process.version, cores: availableParallelism(), reps, items: items.length, runs: [] };
console.log(`bench:corpus: ${items.length} verdicts per rep (${verifiedNames.size} verified pairs + ${mustPass.length} must-pass), ${reps} reps, Node ${process.version}, ${availableParallelism()} cores, load ${load()}`);
for (const condition of conditions) {
  const hogs = condition === 'hogs' ? [0, 1].map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' })) : [];
  const before = load();
  try {
    for (const tool of tools) {
      if ((condition === 'jest' || condition === 'vitest') && tool !== 'perfspec') continue;
      const rows = [];
      if (tool === 'perfspec') await (condition === 'jest' ? perfspecUnderJest(rows) : condition === 'vitest' ? perfspecUnderVitest(rows) : perfspecInProcess(condition, rows));
      else if (tool === 'naive') naive(condition, rows);
      else if (tool === 'jsheaven') await jsheaven(condition, rows);
      const summary = summarize(rows);
      const byLabel = {};
      for (const r of rows) {
        byLabel[r.label] ??= { right: 0, of: 0, ms: [] };
        byLabel[r.label].of++;
        byLabel[r.label].ms.push(Math.round(r.ms));
        if (r.pass === r.expectPass) byLabel[r.label].right++;
      }
      if (process.env.SLOWEST) {
        const slowest = Object.entries(byLabel).map(([label, b]) => [label, [...b.ms].sort((x, y) => x - y)[b.ms.length >> 1]]).sort((a, b) => b[1] - a[1]);
        for (const [label, ms] of slowest.slice(0, Number(process.env.SLOWEST))) console.log(`  ${String(ms).padStart(6)} ms  ${label}`);
      }
      report.runs.push({ tool: rows[0]?.tool ?? tool, condition, load: { before, after: load() }, summary, byLabel, wrong: rows.filter((r) => r.pass !== r.expectPass) });
      console.log(`${(rows[0]?.tool ?? tool).padEnd(22)} ${condition.padEnd(5)} load ${before} → ${load()}: ${JSON.stringify(summary)}`);
      for (const r of rows.filter((x) => x.pass !== x.expectPass)) console.log(`  WRONG ${r.label} vs ${r.bound} (rep ${r.rep}): expected ${r.expectPass ? 'pass' : 'fail'}${r.answer ? ` — answered ${r.answer}` : ''}${tool === 'perfspec' && process.env.MESSAGES ? `\n${r.message}` : ''}`);
    }
  } finally {
    for (const hog of hogs) hog.kill();
  }
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, `bench/results/corpus-${report.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`written ${file}`);
