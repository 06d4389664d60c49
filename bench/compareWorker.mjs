// One block of `npm run bench:compare` in a fresh process: for every cell, `repeats` comparisons of a function
// `ratio` times faster than a ~100 µs reference, judged three ways. Prints one JSON line per judgement.
import { judgeSpeedup } from '../dist/esm/index.js';

const { iterations, ratios, bys, repeats, vitestTimeMs } = JSON.parse(process.argv[2]);

let sink = 0;
function work(count) {
  let x = 0;
  for (let i = 0; i < count; i++) x = (x * 31 + i) % 1000003;
  sink ^= x;
}
const now = () => performance.now();
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Vitest 5's bench.compare + toBeFasterThan: tinybench times each task on its own (warm-up, then iterations
// until both a minimum count and a minimum time are reached), per-iteration wall time from performance.now(); the
// matcher passes when actual.latency.mean < expected.latency.mean * (1 - delta). `by` maps to delta = 1 - 1/by.
function tinybenchMeanMs(fn, timeMs) {
  const warmupEnd = now() + timeMs / 4;
  for (let i = 0; i < 16 || now() < warmupEnd; i++) fn();
  const latencies = [];
  const start = now();
  while (latencies.length < 64 || now() - start < timeMs) {
    const t0 = now();
    fn();
    latencies.push(now() - t0);
  }
  return latencies.reduce((a, b) => a + b, 0) / latencies.length;
}

// The naive comparison: nine calls of each, one after the other, no warm-up, medians of wall time compared.
function naiveMedianMs(fn) {
  const times = [];
  for (let i = 0; i < 9; i++) {
    const t0 = now();
    fn();
    times.push(now() - t0);
  }
  return median(times);
}

for (let r = 0; r < repeats; r++) {
  for (const ratio of ratios) {
    const received = () => work(Math.round(iterations / ratio));
    const reference = () => work(iterations);
    for (const by of bys) {
      const t0 = now();
      const result = await judgeSpeedup({ call: received }, { call: reference }, by);
      const ms = now() - t0;
      // What toBeFasterThan reports under the default 'warn' policy (src/matchers/toBeFasterThan.ts): an inconclusive
      // verdict settles on the estimate, except a near tie (within 5% of by), which counts as not faster.
      const pass = result.verdict === 'pass' || (result.verdict === 'inconclusive' && result.reason !== 'near-threshold' && result.meetsClaim);
      console.log(JSON.stringify({ method: 'perfspec', ratio, by, verdict: result.verdict, reason: result.reason, pass, speedup: result.speedup, ms, pairs: result.run.pairs.length }));
    }
    let t0 = now();
    const receivedMean = tinybenchMeanMs(received, vitestTimeMs);
    const referenceMean = tinybenchMeanMs(reference, vitestTimeMs);
    let ms = now() - t0;
    for (const by of bys) {
      const pass = receivedMean < referenceMean * (1 - (1 - 1 / by));
      console.log(JSON.stringify({ method: 'vitest', ratio, by, verdict: pass ? 'pass' : 'fail', pass, speedup: referenceMean / receivedMean, ms }));
    }
    t0 = now();
    const receivedMedian = naiveMedianMs(received);
    const referenceMedian = naiveMedianMs(reference);
    ms = now() - t0;
    for (const by of bys) {
      const pass = referenceMedian / receivedMedian >= by;
      console.log(JSON.stringify({ method: 'naive', ratio, by, verdict: pass ? 'pass' : 'fail', pass, speedup: referenceMedian / receivedMedian, ms }));
    }
  }
}
if (sink === 0.5) console.error('unreachable');
