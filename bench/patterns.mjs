// bench:patterns — for each matcher of the "perf bugs code assistants write" family, the must-fail and must-pass
// workloads of issue 13, each asserted RUNS times idle and RUNS times under two CPU hogs (`node -e 'for(;;){}'`,
// killed by PID afterwards). Reports right/wrong and time per assertion, with the machine's load average.
// Run with `npm run bench:patterns` (builds first). PATTERNS=rows,blocking,stack selects matchers; RUNS=20 by default.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import pg from 'pg';
import { matchers } from '../dist/esm/index.js';
import { blockingCases } from './patternsBlocking.mjs';
import { stackCases } from './patternsStack.mjs';

const RUNS = Number(process.env.RUNS ?? 20);
const selected = (process.env.PATTERNS ?? 'rows,blocking,stack').split(',');

async function rowsCases() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total INTEGER)');
  db.exec('CREATE INDEX orders_customer ON orders (customer_id, id)');
  const insert = db.prepare('INSERT INTO orders VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 10_000; i++) insert.run(i, 1 + (i % 200), (i * 37) % 500);
  })();
  const all = db.prepare('SELECT * FROM orders');
  const page = db.prepare('SELECT * FROM orders WHERE customer_id = ? ORDER BY id DESC LIMIT 50');
  const cases = [
    { matcher: 'toFetchRowsAtMost', name: 'sqlite: SELECT * + JS filter (10 000 rows)', expected: 'fail', assert: () => matchers.toFetchRowsAtMost.call({}, () => all.all().filter((o) => o.customer_id === 7), 100) },
    { matcher: 'toFetchRowsAtMost', name: 'sqlite: WHERE … LIMIT 50', expected: 'pass', assert: () => matchers.toFetchRowsAtMost.call({}, () => page.all(7), 100) },
  ];
  const client = new pg.Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', database: process.env.PGDATABASE ?? 'test' });
  try {
    await client.connect();
    await client.query('DROP TABLE IF EXISTS bench_orders');
    await client.query('CREATE TABLE bench_orders (id int PRIMARY KEY, customer_id int, total int)');
    await client.query('INSERT INTO bench_orders SELECT i, 1 + i % 200, (i * 37) % 500 FROM generate_series(1, 10000) i');
    await client.query('CREATE INDEX ON bench_orders (customer_id, id)');
    cases.push(
      { matcher: 'toFetchRowsAtMost', name: 'postgres: SELECT * + JS filter (10 000 rows)', expected: 'fail', assert: () => matchers.toFetchRowsAtMost.call({}, async () => (await client.query('SELECT * FROM bench_orders')).rows.filter((o) => o.customer_id === 7), 100) },
      { matcher: 'toFetchRowsAtMost', name: 'postgres: WHERE … LIMIT 50', expected: 'pass', assert: () => matchers.toFetchRowsAtMost.call({}, async () => (await client.query('SELECT * FROM bench_orders WHERE customer_id = $1 ORDER BY id DESC LIMIT 50', [7])).rows, 100) },
    );
  } catch (error) {
    console.log(`PostgreSQL not reachable (${error.message}): its cases are left out`);
  }
  return { cases, close: async () => client.end().catch(() => undefined) };
}

function startHogs() {
  return [0, 1].map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

function stopHogs(hogs) {
  for (const hog of hogs) hog.kill('SIGKILL');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function runCase(testCase) {
  let right = 0;
  const times = [];
  const wrong = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    let outcome;
    try {
      outcome = (await testCase.assert()).pass ? 'pass' : 'fail';
    } catch (error) {
      outcome = `error: ${String(error.message).split('\n')[0]}`;
    }
    times.push(performance.now() - start);
    if (outcome === testCase.expected) right++;
    else wrong.push(outcome);
  }
  return { right, times, wrong };
}

const suites = [];
if (selected.includes('rows')) suites.push(await rowsCases());
if (selected.includes('blocking')) suites.push(await blockingCases());
if (selected.includes('stack')) suites.push(stackCases());
const cases = suites.flatMap((suite) => suite.cases);
for (const testCase of cases) await testCase.assert().catch(() => undefined); // warm-up, not counted

console.log(`node ${process.version}, ${RUNS} runs per case and condition, ${new Date().toISOString()}`);
for (const condition of ['idle', 'two CPU hogs']) {
  const hogs = condition === 'idle' ? [] : startHogs();
  try {
    if (hogs.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    const loadBefore = loadavg()[0];
    console.log(`\n## ${condition} (load average ${loadBefore.toFixed(2)} before)`);
    console.log('| matcher | workload | expected | right | median ms / assertion | max ms |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const testCase of cases) {
      const { right, times, wrong } = await runCase(testCase);
      const wrongNote = wrong.length > 0 ? ` (wrong: ${[...new Set(wrong)].join('; ')})` : '';
      console.log(`| ${testCase.matcher} | ${testCase.name} | ${testCase.expected} | ${right}/${RUNS}${wrongNote} | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  } finally {
    stopHogs(hogs);
  }
}
for (const suite of suites) await suite.close();
