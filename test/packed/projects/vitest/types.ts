// Type tests: compiled with tsc --noEmit, never run.
import 'perfspec/vitest';
import { expect } from 'vitest';
import { configure, sized, type PerfSnapshotOptions, type RunUnderOptions } from 'perfspec';

export async function typeChecks(): Promise<void> {
  await expect(() => 1).toRunUnder(5);
  await expect(() => 1).toMatchPerfSnapshot();
  await expect(sized((n) => n, async (n) => n)).toMatchPerfSnapshot({ n: 100, timeTolerance: 0.5, allocationTolerance: 0.2, clock: 'wall', maxTimeMs: 2000 });
  await expect(sized((n) => n, (n) => n)).toMatchPerfSnapshot(100);
  // @ts-expect-error tolerances are fractions (numbers), not percentages in strings
  await expect(() => 1).toMatchPerfSnapshot({ timeTolerance: '50%' });
  // @ts-expect-error an unknown option
  await expect(() => 1).toMatchPerfSnapshot({ tolerance: 1 });
  const snapshotOptions: PerfSnapshotOptions = { timeTolerance: 1 };
  await expect(() => 1).toMatchPerfSnapshot(snapshotOptions);
  await expect(async () => 1).toRunUnder(5, { statistic: 'p95', clock: 'wall', maxTimeMs: 100 });
  await expect(sized((n) => new Array<number>(n).fill(0), (a) => a.sort())).toRunUnder(5, 1000);
  await expect(() => 1).not.toRunUnder(5);
  const options: RunUnderOptions = { n: 10 };
  await expect(sized((n) => n, (n) => n)).toRunUnder(5, options);
  configure({ timeScale: 2 });
  await expect(async () => 1).toIssueQueriesAtMost(2);
  await expect(async () => 1).toIssueQueriesAtMost(0, { transactionControl: true, ignore: /^SET / });
  await expect(async () => 1).toIssueRequestsAtMost(1, { ignore: (event) => event.text.includes('/health') });
  await expect(async () => 1).toBlockEventLoopAtMost(10);
  await expect(sized((n) => n, async (n) => n)).toBlockEventLoopAtMost(10, { n: 100, calls: 5, maxTimeMs: 5000 });
  await expect((n: number) => n).toScaleAtMost('1', { metric: 'blocking', sizes: [1, 2, 4, 8] });
  // @ts-expect-error the budget is a number of milliseconds
  await expect(async () => 1).toBlockEventLoopAtMost('10 ms');
  await expect(() => 1).toUseStackAtMost('64 KiB');
  await expect(sized((n) => n, (n) => n)).toUseStackAtMost(4096, { n: 100, warmupCalls: 50, maxTimeMs: 2000 });
  await expect((n: number) => n).toScaleAtMost('log n', { metric: 'stack' });
  // @ts-expect-error a misspelled unit
  await expect(() => 1).toUseStackAtMost('64 kb');
  await expect(async () => 1).toFetchRowsAtMost(100);
  await expect(sized((n) => n, async (n) => n)).toFetchRowsAtMost(50, { n: 1000, ignore: /pg_catalog/ });
  await expect((n: number) => n).toScaleAtMost('1', { metric: 'rows', sizes: [1, 2, 4, 8] });
  // @ts-expect-error k is a number of rows
  await expect(async () => 1).toFetchRowsAtMost('100');
  await expect(() => 1).toAllocateAtMost('64 KiB');
  await expect(sized((n) => n, (n) => new Array(n))).toAllocateAtMost(1024, 100);
  await expect(() => 1).toRetainAtMost(0);
  // @ts-expect-error a misspelled unit
  await expect(() => 1).toAllocateAtMost('64 KB ');
  await expect(sized((n) => n, (n) => n)).toScaleAtMost('n log n');
  await expect((n: number) => n).toScaleAtMost('O(n^2)', { metric: 'ops', sizes: [1, 2, 4, 8], maxTimeMs: 500 });
  // @ts-expect-error a misspelled complexity class
  await expect(sized((n) => n, (n) => n)).toScaleAtMost('n logn');
  // @ts-expect-error an unknown metric
  await expect(sized((n) => n, (n) => n)).toScaleAtMost('n', { metric: 'memory' });
  // @ts-expect-error k is a number of queries
  await expect(async () => 1).toIssueQueriesAtMost('2');
  // @ts-expect-error ignore is a RegExp or a predicate
  await expect(async () => 1).toIssueQueriesAtMost(2, { ignore: 'SET' });
  // @ts-expect-error an unknown matcher does not type-check
  await expect(() => 1).toRunFaster(5);
  // @ts-expect-error the budget is a number of milliseconds
  await expect(() => 1).toRunUnder('5');
  // @ts-expect-error an unknown statistic
  await expect(() => 1).toRunUnder(5, { statistic: 'p50' });
  // @ts-expect-error an unknown option
  await expect(() => 1).toRunUnder(5, { samples: 3 });
  // @ts-expect-error a number is not a workload: perfspec needs a function to call
  await expect(42).toRunUnder(5);
  // @ts-expect-error a SQL string is not a workload
  await expect('SELECT 1').toIssueQueriesAtMost(1);
  // @ts-expect-error a promise is not a workload (pass the function that makes it)
  await expect(Promise.resolve(1)).not.toAllocateAtMost('1 KiB');
  // @ts-expect-error sized() needs a setup of n
  sized('x', () => 1);
}
