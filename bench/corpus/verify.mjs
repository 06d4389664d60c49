// Checks each buggy/fixed pair of the corpus by hand, before it judges perfspec: both versions return the same
// result on the same inputs, and the buggy one really is worse at large n (its time grows by a clearly larger
// power of 4 over a 4× step, and it is several times slower there). Prints one line per case and writes the
// verified case names to bench/results/corpus-verified.json, which run.mjs reads.
//
//   node bench/corpus/verify.mjs            (installs the corpus packages on first run)
//   ONLY='ms: long digit string' node bench/corpus/verify.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { ensureInstalled } from './install.mjs';

ensureInstalled();
const { cases, load } = (await import('./cases.cjs')).default;
const only = process.env.ONLY?.split(',');
const degree = { 1: 0, 'log n': 0, n: 1, 'n log n': 1.1, 'n^2': 2, 'n^3': 3 };
const targetMs = 150;
const silence = () => {
  const warn = console.warn;
  console.warn = () => {};
  return () => (console.warn = warn);
};

function timeMs(f, input) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    f(input);
    best = Math.min(best, performance.now() - t);
    if (best > 200) break;
  }
  return best;
}

const verified = [];
for (const c of cases.filter((x) => only === undefined || only.includes(x.name))) {
  const restore = silence();
  try {
    const bad = load(c.buggy);
    const good = load(c.fixed);
    const runBad = (input) => c.run(bad, input);
    const runGood = (input) => c.run(good, input);
    // Same result: on small inputs, and on one input of every size that is timed below.
    for (const n of [0, 1, 2, 7, 64, 333]) {
      const input = c.input(n);
      if (!isDeepStrictEqual(runBad(input), runGood(input))) throw new Error(`results differ at n = ${n}: ${JSON.stringify(runBad(input))?.slice(0, 80)} vs ${JSON.stringify(runGood(input))?.slice(0, 80)}`);
    }
    // Grow n until one buggy call takes 150 ms (or n reaches 2^21): some bugs (lodash trimEnd) only show their
    // growth where one call takes tens to hundreds of milliseconds.
    let n = 256;
    while (n < 2 ** 21 && timeMs(runBad, c.input(n)) < targetMs) n *= 2;
    const small = Math.max(1, n / 4);
    const [badSmall, badLarge, goodSmall, goodLarge] = [timeMs(runBad, c.input(small)), timeMs(runBad, c.input(n)), timeMs(runGood, c.input(small)), timeMs(runGood, c.input(n))];
    if (!isDeepStrictEqual(runBad(c.input(n)), runGood(c.input(n)))) throw new Error(`results differ at n = ${n}`);
    const badExponent = Math.log(badLarge / badSmall) / Math.log(4);
    const goodExponent = Math.log(Math.max(goodLarge, 1e-3) / Math.max(goodSmall, 1e-3)) / Math.log(4);
    const worse = badExponent >= degree[c.fixedClass] + 0.6 && badLarge >= 5 * goodLarge;
    const line = `${worse ? 'ok  ' : 'DROP'} ${c.name.padEnd(52)} n ${small}→${n}: buggy ${badSmall.toFixed(2)}→${badLarge.toFixed(1)} ms (n^${badExponent.toFixed(2)}), fixed ${goodSmall.toFixed(3)}→${goodLarge.toFixed(3)} ms (n^${goodExponent.toFixed(2)})`;
    console.log(line);
    if (worse) verified.push({ name: c.name, largeN: n, buggyMs: badLarge, fixedMs: goodLarge, buggyExponent: +badExponent.toFixed(2), fixedExponent: +goodExponent.toFixed(2) });
  } catch (error) {
    console.log(`DROP ${c.name.padEnd(52)} ${error.message}`);
  } finally {
    restore();
  }
}
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(new URL('../results/corpus-verified.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), node: process.version, verified }, null, 2));
console.log(`${verified.length} of ${cases.length} pairs verified`);
