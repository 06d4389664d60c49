// Type tests for the global expect (@types/jest); compiled with tsc --noEmit, never run.
import 'perfspec/jest';
import { sized } from 'perfspec';

export async function typeChecks(): Promise<void> {
  await expect(() => 1).toRunUnder(5);
  await expect(() => 1).toMatchPerfSnapshot();
  await expect(sized((n) => n, async (n) => n)).toMatchPerfSnapshot({ n: 100, timeTolerance: 0.5, allocationTolerance: 0.2, clock: 'wall', maxTimeMs: 2000 });
  await expect(sized((n) => n, (n) => n)).toMatchPerfSnapshot(100);
  // @ts-expect-error tolerances are fractions (numbers), not percentages in strings
  await expect(() => 1).toMatchPerfSnapshot({ timeTolerance: '50%' });
  // @ts-expect-error an unknown option
  await expect(() => 1).toMatchPerfSnapshot({ tolerance: 1 });
  await expect(sized((n) => n, (n) => n)).toRunUnder(5, { n: 3, statistic: 'mean' });
  await expect(() => 1).not.toRunUnder(5);
  await expect(async () => 1).toIssueQueriesAtMost(2, { transactionControl: true });
  await expect(() => 1).toUseStackAtMost('64 KiB');
  await expect(sized((n) => n, (n) => n)).toUseStackAtMost(4096, { n: 100, warmupCalls: 50, maxTimeMs: 2000 });
  await expect((n: number) => n).toScaleAtMost('log n', { metric: 'stack' });
  // @ts-expect-error a misspelled unit
  await expect(() => 1).toUseStackAtMost('64 kb');
  await expect(async () => 1).toFetchRowsAtMost(100, { ignore: /pg_catalog/ });
  await expect(async () => 1).toBlockEventLoopAtMost(10, { calls: 5 });
  // @ts-expect-error an unknown option
  await expect(async () => 1).toBlockEventLoopAtMost(10, { samples: 5 });
  await expect((n: number) => n).toScaleAtMost('1', { metric: 'rows' });
  // @ts-expect-error k is a number of rows
  await expect(async () => 1).toFetchRowsAtMost('100');
  await expect(async () => 1).not.toIssueRequestsAtMost(0);
  await expect(() => 1).toAllocateAtMost('2 KiB');
  await expect(() => 1).not.toRetainAtMost('32 B');
  await expect((n: number) => n).toScaleAtMost('n', { metric: 'allocations' });
  // @ts-expect-error a misspelled complexity class
  await expect((n: number) => n).toScaleAtMost('O(n2)');
  // @ts-expect-error a misspelled unit
  await expect(() => 1).toAllocateAtMost('2 kib');
  // @ts-expect-error k is a number of queries
  await expect(async () => 1).toIssueQueriesAtMost('2');
  // @ts-expect-error an unknown matcher does not type-check
  await expect(() => 1).toRunFaster(5);
  // @ts-expect-error the budget is a number of milliseconds
  await expect(() => 1).toRunUnder('5');
  // @ts-expect-error a number is not a workload: perfspec needs a function to call
  await expect(42).toRunUnder(5);
  // @ts-expect-error a SQL string is not a workload
  await expect('SELECT 1').toIssueQueriesAtMost(1);
  // @ts-expect-error a promise is not a workload (pass the function that makes it)
  await expect(Promise.resolve(1)).not.toAllocateAtMost('1 KiB');
  // @ts-expect-error an unknown clock
  await expect(() => 1).toRunUnder(5, { clock: 'gpu' });
  await expect(() => 1).toBeFasterThan(() => 2);
  await expect(async () => 1).toBeFasterThan(async () => 2, { by: 1.5, clock: 'wall', maxTimeMs: 500 });
  await expect(sized((n) => new Array<number>(n), (a) => a.sort())).toBeFasterThan(sized((n) => new Array<number>(n), (a) => a.reverse()), 1000);
  // @ts-expect-error by is a number
  await expect(() => 1).toBeFasterThan(() => 2, { by: '2x' });
  // @ts-expect-error the reference is a function, not a value
  await expect(() => 1).toBeFasterThan(2);
}
