// Overhead of the query spy per statement on the cheapest real query there is: better-sqlite3 in-memory get().
// Three conditions, interleaved within each run so that machine drift hits them alike:
//   bare     driver unhooked (spy reset, zero-config off)
//   idle     driver hooked, no measurement active          (target ≤ 1 µs per query over bare)
//   measured every query inside measureQueries()           (target ≤ 3 µs per query over bare)
//   distinct inside a measurement, every statement text new (worst case: the call site is captured once per
//            distinct text, so a loop over one statement pays it once, SQL with inlined values pays it every time)
// Each condition: batches of BATCH get() calls, median ns per call over the batches; the report gives the median
// over RUNS runs. Run with `npm run bench:queries` (builds first).
import Database from 'better-sqlite3';
import { measureQueries } from '../dist/esm/index.js';
import { resetQuerySpy } from '../dist/esm/queries/resetQuerySpy.js';
import { loadavg } from 'node:os';

const RUNS = Number(process.env.RUNS ?? 7);
const BATCH = 2_000;
const BATCHES = 25;

const db = new Database(':memory:');
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
db.prepare('INSERT INTO t VALUES (1, ?)').run('one');
const statement = db.prepare('SELECT id, name FROM t WHERE id = ?');

function perCallNs() {
  const samples = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) statement.get(1);
    samples.push(Number(process.hrtime.bigint() - start) / BATCH);
  }
  return median(samples);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// 2 000 statements that differ only in an inlined literal, each run once per batch.
const distinctStatements = Array.from({ length: BATCH }, (_, i) => db.prepare(`SELECT id, name FROM t WHERE id = 1 AND ${i} = ${i}`));
async function distinctPerCallNs() {
  const samples = [];
  for (let b = 0; b < 7; b++) {
    await measureQueries(() => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < BATCH; i++) distinctStatements[i].get();
      samples.push(Number(process.hrtime.bigint() - start) / BATCH);
    });
  }
  return median(samples);
}
function distinctBareNs() {
  const samples = [];
  for (let b = 0; b < 7; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) distinctStatements[i].get();
    samples.push(Number(process.hrtime.bigint() - start) / BATCH);
  }
  return median(samples);
}

const results = { bare: [], idle: [], measured: [], distinctBare: [], distinct: [] };
for (let run = 0; run < RUNS; run++) {
  resetQuerySpy({ autoInstall: false });
  perCallNs(); // warm-up of this condition's code path
  results.bare.push(perCallNs());
  distinctBareNs();
  results.distinctBare.push(distinctBareNs());

  resetQuerySpy({ autoInstall: true });
  await measureQueries(() => undefined); // zero-config hooks better-sqlite3 here
  perCallNs();
  results.idle.push(perCallNs());

  let inside = 0;
  await measureQueries(() => {
    perCallNs();
    inside = perCallNs();
  });
  results.measured.push(inside);
  await distinctPerCallNs();
  results.distinct.push(await distinctPerCallNs());
}

const bare = median(results.bare);
const idle = median(results.idle);
const measured = median(results.measured);
const fmt = (ns) => `${ns.toFixed(0)} ns`;
console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${RUNS} runs × ${BATCHES} batches × ${BATCH} calls`);
console.log(`bare      ${fmt(bare)} per get()   runs: ${results.bare.map(fmt).join(', ')}`);
console.log(`idle      ${fmt(idle)} per get()   runs: ${results.idle.map(fmt).join(', ')}`);
console.log(`measured  ${fmt(measured)} per get()   runs: ${results.measured.map(fmt).join(', ')}`);
const distinctBare = median(results.distinctBare);
const distinct = median(results.distinct);
console.log(`distinct  ${fmt(distinct)} per get() vs ${fmt(distinctBare)} bare (every text new: ${fmt(distinct - distinctBare)} over, no target)`);
console.log(`overhead idle ${fmt(idle - bare)} (target ≤ 1000 ns), measured ${fmt(measured - bare)} (target ≤ 3000 ns)`);
if (idle - bare > 1000 || measured - bare > 3000) process.exitCode = 1;
