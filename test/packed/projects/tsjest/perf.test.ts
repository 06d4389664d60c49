// Run by ts-jest, which type-checks this file too: the matchers must be typed under commonjs/node10.
import 'perfspec/jest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countOp, sized } from 'perfspec';

function spin(iterations: number): number {
  // Math is read once: under Jest's vm context every global lookup inside a hot loop costs ~85× more.
  const sqrt = Math.sqrt;
  let x = 0;
  for (let i = 0; i < iterations; i++) x += sqrt(i);
  return x;
}

test('a fast function runs under its budget', async () => {
  await expect(() => spin(1_000)).toRunUnder(50);
});

test('a slow function fails its budget', async () => {
  // About 5–20 ms of CPU on this class of machine against a 0.5 ms budget: fails with a wide margin.
  await expect(() => spin(5_000_000)).toRunUnder(0.5);
});

test('outgoing requests are counted', async () => {
  const server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fetchThree = async (): Promise<void> => {
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
  const copy = (values: readonly number[]): number[] => values.map((v) => v * 2);
  const values = Array.from({ length: 1000 }, (_, i) => i);
  await expect(() => copy(values)).toAllocateAtMost('16 KiB');
  await expect(() => copy(values)).not.toAllocateAtMost('1 KiB');
  await expect(() => copy(values)).toRetainAtMost(0);
});

test('growth is judged on exact operation counts', async () => {
  const sum = (values: number[]): number => values.reduce((total, v) => (countOp(), total + v), 0);
  const pairs = (values: number[]): void => values.forEach(() => values.forEach(() => countOp()));
  const input = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  await expect(sized(input, sum)).toScaleAtMost('n', { metric: 'ops', sizes: [16, 32, 64, 128, 256] });
  await expect(sized(input, pairs)).not.toScaleAtMost('n', { metric: 'ops', sizes: [16, 32, 64, 128, 256] });
});

test('a forgotten await fails its own test', async () => {
  // Deliberately not awaited: perfspec's afterEach must fail this test, not let it pass and reject after the run.
  void expect(() => spin(5_000_000)).toRunUnder(0.001);
});

test('an inconclusive verdict is marked on its test', async () => {
  // ~5–20 ms calls in a 50 ms cap: too few samples for a bound on the p95, so the verdict is inconclusive and the
  // default policy ('warn') lets the estimate, far under the budget, decide.
  await expect(() => spin(1_000_000)).toRunUnder(5_000, { statistic: 'p95', maxTimeMs: 50 });
});

test('allocation sites name the user code, never perfspec', async () => {
  const copy = (values: readonly number[]): number[] => values.map((v) => v * 2);
  const values = Array.from({ length: 1000 }, (_, i) => i);
  const failure = await expect(() => copy(values)).toAllocateAtMost('1 B').then(() => undefined, (error: Error) => error.message);
  // The rows of the sites table that name a place in code: every one must be in this file (through
  // ts-jest's transform too), none named after perfspec's own frames.
  const table = ((failure ?? '').split('Top allocation sites')[1] ?? '').split('\n\n')[0] ?? '';
  const rows = table.split('\n').filter((row: string) => /:\d+\s*$/.test(row));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toMatch(/^\s+\S+ \S+\s+copy\b.*perf\.test\.ts:\d+\s*$/);
});

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
