// One benchmark process: runs perfspec's judgeTime and the naive check (one timed call against the budget) on
// a calibrated busy loop, for the budgets the parent gives, and prints one JSON line per assertion.
import { judgeTime } from '../dist/esm/index.js';

const { iterations, budgetsNs, repeats, asyncLabels = [] } = JSON.parse(process.argv[2]);
const sqrt = Math.sqrt;
function work() {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += sqrt(i);
  return x;
}

for (let r = 0; r < repeats; r++) {
  for (const [label, budgetNs] of Object.entries(budgetsNs)) {
    const t0 = performance.now();
    work();
    const naiveMs = performance.now() - t0;
    // An async variant of the same work is judged on wall time (clock 'auto'), which other processes inflate.
    const call = asyncLabels.includes(label) ? async () => { await null; return work(); } : work;
    const result = await judgeTime({ call }, budgetNs);
    process.stdout.write(
      `${JSON.stringify({ label, cpuSource: result.run.cpuSource ?? null, clock: result.run.clock, batchSize: result.run.batchSize, verdict: result.verdict, pass: result.pass, reason: result.reason ?? null, elapsedMs: result.run.elapsedNs / 1e6, estimateNs: result.estimateNs, naivePass: naiveMs * 1e6 <= budgetNs, cpuWall: result.cpuWallRatio })}\n`,
    );
  }
}
