// `npm run bench:snapshot [processes]`: how far separate node processes on one machine disagree about the same
// workload, which is what toMatchPerfSnapshot's default tolerances must cover (a snapshot is recorded in one process
// and compared in another). Each process measures four workloads as the matcher does (measureTime: median per call
// on the judging clock; measureAllocation: bytes per call) and prints one JSON line per workload; the parent runs
// the processes one after another, idle and then with two `node -e "for(;;){}"` hogs (killed by PID), and prints the
// spread of each workload's medians: max ÷ min, and the largest deviation from the median of the medians.
import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const workloads = {
  'JSON.stringify small (sync, < 1 µs)': () => JSON.stringify({ c: 1, list: [1, 2, 3] }),
  'sum of 1 000 numbers (sync, ~1 µs)': (() => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    return () => {
      let total = 0;
      for (const value of values) total += value;
      return total;
    };
  })(),
  'loop (sync, ~100 µs)': () => {
    let x = 0;
    for (let i = 0; i < 100_000; i++) x += Math.sqrt(i);
    return x;
  },
  'JSON round trip (sync, allocating)': (() => {
    const doc = { users: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `user ${i}`, tags: ['a', 'b', String(i)] })) };
    return () => JSON.parse(JSON.stringify(doc));
  })(),
  'sort 10 000 numbers (sync, ~1 ms)': (() => {
    let seed = 7;
    const input = Array.from({ length: 10_000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    return () => [...input].sort((a, b) => a - b);
  })(),
  'loop (async, wall clock)': async () => {
    await null;
    let x = 0;
    for (let i = 0; i < 100_000; i++) x += Math.sqrt(i);
    return x;
  },
};

// A second kind of worker: judges each workload as toMatchPerfSnapshot compares it (judgeTime of the median against
// the first process's median × 2, the default timeTolerance of 1), unchanged and three times slower.
if (process.argv[2] === '--judge') {
  const { judgeTime } = await import('../dist/esm/index.js');
  const baseline = JSON.parse(process.argv[3]);
  for (const [name, fn] of Object.entries(workloads)) {
    const limitNs = baseline[name] * 2;
    const isAsync = name.includes('async');
    const variants = {
      unchanged: fn,
      '3× slower': isAsync ? async () => { await fn(); await fn(); return fn(); } : () => (fn(), fn(), fn()),
    };
    for (const [variant, call] of Object.entries(variants)) {
      const result = await judgeTime({ call }, limitNs, { statistic: 'median', clockMode: isAsync ? 'wall' : 'cpu', maxTimeMs: 1000 });
      process.stdout.write(`${JSON.stringify({ name, variant, verdict: result.verdict, pass: result.pass, ratio: result.estimateNs / baseline[name] })}\n`);
    }
  }
  process.exit(0);
}

if (process.argv[2] === '--worker') {
  const { measureTime, measureAllocation } = await import('../dist/esm/index.js');
  for (const [name, fn] of Object.entries(workloads)) {
    const time = await measureTime(fn, { maxTimeMs: 1000 });
    const allocation = await measureAllocation(fn, { maxTimeMs: 1000 });
    process.stdout.write(`${JSON.stringify({ name, clock: time.clock, medianNs: time.medianNs, lowerNs: time.medianLowerNs, upperNs: time.medianUpperNs, bytesPerCall: allocation.bytesPerCall })}\n`);
  }
  process.exit(0);
}

const processes = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 12);
const self = fileURLToPath(import.meta.url);

function runCondition(label, hogs) {
  const hogPids = [];
  for (let i = 0; i < hogs; i++) {
    const hog = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    hogPids.push(hog.pid);
  }
  const loads = [];
  const rows = [];
  try {
    for (let p = 0; p < processes; p++) {
      loads.push(loadavg()[0]);
      const run = spawnSync(process.execPath, [self, '--worker'], { encoding: 'utf8', timeout: 120_000 });
      for (const line of run.stdout.split('\n')) if (line.trim() !== '') rows.push(JSON.parse(line));
    }
  } finally {
    for (const pid of hogPids) process.kill(pid, 'SIGKILL');
  }
  loads.sort((a, b) => a - b);
  console.log(`\n${label}: ${processes} processes, 1-min load ${loads[0].toFixed(1)}–${loads.at(-1).toFixed(1)} on 2 cores${hogs > 0 ? `, plus ${hogs} hogs` : ''}`);
  console.log('workload                              clock  median of medians  max÷min  max |dev| from median   bytes/call min–max');
  for (const name of Object.keys(workloads)) {
    const mine = rows.filter((r) => r.name === name);
    const medians = mine.map((r) => r.medianNs).sort((a, b) => a - b);
    const mid = medians[Math.floor(medians.length / 2)];
    const dev = Math.max(...medians.map((m) => Math.abs(m / mid - 1)));
    const bytes = mine.map((r) => r.bytesPerCall).sort((a, b) => a - b);
    console.log(
      `${name.padEnd(38)}${mine[0].clock.padEnd(7)}${`${(mid / 1e3).toFixed(1)} µs`.padStart(17)}  ${(medians.at(-1) / medians[0]).toFixed(3).padStart(7)}  ${`${(dev * 100).toFixed(1)}%`.padStart(21)}   ${bytes[0]}–${bytes.at(-1)}`,
    );
    console.log(`  medians (µs): ${medians.map((m) => (m / 1e3).toFixed(1)).join(' ')}`);
  }
}

/** Records in one process, then judges in `processes` others, as a snapshot is recorded once and compared later. */
function judgeCondition(label, hogs) {
  const recorded = spawnSync(process.execPath, [self, '--worker'], { encoding: 'utf8', timeout: 120_000 });
  const baseline = Object.fromEntries(recorded.stdout.split('\n').filter((line) => line.trim() !== '').map((line) => [JSON.parse(line).name, JSON.parse(line).medianNs]));
  const hogPids = [];
  for (let i = 0; i < hogs; i++) hogPids.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }).pid);
  const loads = [];
  const rows = [];
  try {
    for (let p = 0; p < processes; p++) {
      loads.push(loadavg()[0]);
      const run = spawnSync(process.execPath, [self, '--judge', JSON.stringify(baseline)], { encoding: 'utf8', timeout: 120_000 });
      for (const line of run.stdout.split('\n')) if (line.trim() !== '') rows.push(JSON.parse(line));
    }
  } finally {
    for (const pid of hogPids) process.kill(pid, 'SIGKILL');
  }
  loads.sort((a, b) => a - b);
  console.log(`\n${label}: recorded in one process (idle), judged in ${processes} others against 2× the recorded median; 1-min load ${loads[0].toFixed(1)}–${loads.at(-1).toFixed(1)}${hogs > 0 ? `, plus ${hogs} hogs` : ''}`);
  console.log('workload                              variant      pass  fail  inconclusive (assertion passed)  ratio to recorded min–max');
  for (const name of Object.keys(workloads)) {
    for (const variant of ['unchanged', '3× slower']) {
      const mine = rows.filter((r) => r.name === name && r.variant === variant);
      const count = (verdict) => mine.filter((r) => r.verdict === verdict).length;
      const ratios = mine.map((r) => r.ratio).sort((a, b) => a - b);
      const held = mine.filter((r) => r.verdict === 'inconclusive' && r.pass).length;
      console.log(`${name.padEnd(38)}${variant.padEnd(11)}${String(count('pass')).padStart(6)}${String(count('fail')).padStart(6)}${String(count('inconclusive')).padStart(6)} (${held})${' '.repeat(20)}${ratios[0].toFixed(2)}–${ratios.at(-1).toFixed(2)}`);
    }
  }
}

if (process.argv.includes('--judge-only')) {
  judgeCondition('idle', 0);
  judgeCondition('two CPU hogs', 2);
} else {
  runCondition('idle', 0);
  runCondition('two CPU hogs', 2);
  judgeCondition('idle', 0);
  judgeCondition('two CPU hogs', 2);
}
