import { expect, test } from 'vitest';
import { sized } from 'perfspec';

function spin(iterations: number): number {
  // Math is read once: under Jest's vm context every global lookup inside a hot loop costs ~85× more.
  const sqrt = Math.sqrt;
  let x = 0;
  for (let i = 0; i < iterations; i++) x += sqrt(i);
  return x;
}

test('a fast function runs under its budget', async () => {
  await expect(() => spin(1_000)).toRunUnder(50);
  await expect(sized((n) => n, (n) => spin(n))).toRunUnder(50, 1_000);
});

test('a slow function fails its budget', async () => {
  // About 5–20 ms of CPU on this class of machine against a 0.5 ms budget: fails with a wide margin.
  await expect(() => spin(5_000_000)).toRunUnder(0.5);
});

test('outgoing requests are counted', async () => {
  const { createServer } = await import('node:http');
  const server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const fetchThree = async () => {
    for (const id of [1, 2, 3]) await (await fetch(`http://127.0.0.1:${port}/users/${id}`)).text();
  };
  try {
    await expect(fetchThree).toIssueRequestsAtMost(3);
    await expect(fetchThree).not.toIssueRequestsAtMost(2);
  } finally {
    server.close();
  }
});

test('allocation is measured per call', async () => {
  const copy = (values: readonly number[]) => values.map((v) => v * 2);
  const values = Array.from({ length: 1000 }, (_, i) => i);
  await expect(() => copy(values)).toAllocateAtMost('16 KiB');
  await expect(() => copy(values)).not.toAllocateAtMost('1 KiB');
  await expect(() => copy(values)).toRetainAtMost(0);
});

test('growth is judged on exact operation counts', async () => {
  const { countOp } = await import('perfspec');
  const sum = (values: number[]) => values.reduce((total, v) => (countOp(), total + v), 0);
  const pairs = (values: number[]) => values.forEach((a) => values.forEach((b) => countOp()));
  const input = (n: number) => Array.from({ length: n }, (_, i) => i);
  await expect(sized(input, sum)).toScaleAtMost('n', { metric: 'ops', sizes: [16, 32, 64, 128, 256] });
  await expect(sized(input, pairs)).not.toScaleAtMost('n', { metric: 'ops', sizes: [16, 32, 64, 128, 256] });
});

// The true per-call CPU time, measured without perfspec: process CPU time over many calls after warm-up (wall
// time would count the time other processes take on a busy machine).
function perCallNs(fn: () => unknown, calls: number): number {
  for (let i = 0; i < calls; i++) fn();
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn();
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / calls;
}

function calibrated(targetNs: number): { fn: () => number; trueMs: number } {
  let iterations = 100;
  for (let round = 0; round < 4; round++) {
    const ns = perCallNs(() => spin(iterations), Math.max(20, Math.round(50e6 / (iterations * 3))));
    iterations = Math.max(1, Math.round((iterations * targetNs) / ns));
  }
  const fn = () => spin(iterations);
  return { fn, trueMs: perCallNs(fn, Math.max(200, Math.round(200e6 / targetNs))) / 1e6 };
}

test('short functions are judged on a clock that resolves them', async () => {
  for (const targetNs of [100_000, 2_000]) {
    const { fn, trueMs } = calibrated(targetNs);
    await expect(fn).not.toRunUnder(trueMs / 1.5);
    await expect(fn).toRunUnder(trueMs / 0.5);
  }
  // Calibration takes ~1 s of CPU; on a loaded 2-core machine that is several seconds of wall time.
}, 60_000);

test('a forgotten await fails its own test', async () => {
  // Deliberately not awaited: perfspec's afterEach must fail this test, not let it pass and reject after the run.
  void expect(() => spin(5_000_000)).toRunUnder(0.001);
});

test('an inconclusive verdict is marked on its test', async () => {
  // ~5–20 ms calls in a 50 ms cap: too few samples for a bound on the p95, so the verdict is inconclusive and the
  // default policy ('warn') lets the estimate, far under the budget, decide.
  await expect(() => spin(1_000_000)).toRunUnder(5_000, { statistic: 'p95', maxTimeMs: 50 });
});


test('rows returned by PostgreSQL are counted', async () => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ host: process.env['PGHOST'] ?? '127.0.0.1', port: Number(process.env['PGPORT'] ?? 5432), user: process.env['PGUSER'] ?? 'postgres', database: process.env['PGDATABASE'] ?? 'test' });
  await client.connect();
  try {
    const series = (n: number) => () => client.query('SELECT generate_series(1, $1::int) AS i', [n]);
    await expect(series(50)).toFetchRowsAtMost(50);
    await expect(series(51)).not.toFetchRowsAtMost(50);
  } finally {
    await client.end();
  }
});

test('a sync call inside an async function blocks the event loop', async () => {
  const crypto = await import('node:crypto');
  const hash = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return crypto.pbkdf2Sync('pw', 'salt', 100_000, 64, 'sha512');
  };
  await expect(async () => new Promise((resolve) => setTimeout(resolve, 5))).toBlockEventLoopAtMost(10);
  await expect(hash).not.toBlockEventLoopAtMost(2);
  // Five calls of tens of ms of CPU each: on a loaded machine that is more than the runners' 5 s default.
}, 60_000);

test('recursion whose depth grows with n uses stack that grows with n', async () => {
  const list = (n: number) => {
    let head: { next: unknown } | null = null;
    for (let i = 0; i < n; i++) head = { next: head };
    return head;
  };
  const walk = (node: { next: unknown } | null): number => (node === null ? 0 : 1 + walk(node.next as { next: unknown } | null));
  const loop = (node: { next: unknown } | null): number => {
    let count = 0;
    for (let at = node; at !== null; at = at.next as { next: unknown } | null) count++;
    return count;
  };
  await expect(sized(list, loop)).toUseStackAtMost('1 KiB', 2_000);
  await expect(sized(list, walk)).not.toUseStackAtMost('16 KiB', 2_000);
  await expect(sized(list, loop)).toScaleAtMost('1', { metric: 'stack' });
  await expect(sized(list, walk)).not.toScaleAtMost('log n', { metric: 'stack' });
}, 60_000);
