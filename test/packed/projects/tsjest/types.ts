// Type tests under module commonjs / moduleResolution node10, with the README's Jest setup as written: the
// `types` entry in tsconfig.json and the import below. Compiled with tsc --noEmit, never run.
import 'perfspec/jest';
import { configure, sized, type RunUnderOptions } from 'perfspec';

export async function typeChecks(): Promise<void> {
  await expect(() => 1).toRunUnder(5);
  await expect(() => 1).toMatchPerfSnapshot();
  await expect(sized((n) => n, async (n) => n)).toMatchPerfSnapshot({ n: 100, timeTolerance: 0.5, allocationTolerance: 0.2, clock: 'wall', maxTimeMs: 2000 });
  await expect(sized((n) => n, (n) => n)).toMatchPerfSnapshot(100);
  // @ts-expect-error tolerances are fractions (numbers), not percentages in strings
  await expect(() => 1).toMatchPerfSnapshot({ timeTolerance: '50%' });
  // @ts-expect-error an unknown option
  await expect(() => 1).toMatchPerfSnapshot({ tolerance: 1 });
  const options: RunUnderOptions = { statistic: 'p95', clock: 'wall' };
  await expect(async () => 1).toRunUnder(5, options);
  await expect(sized((n) => n, (n) => n)).toRunUnder(5, 1000);
  await expect(() => 1).not.toRunUnder(5);
  await expect(async () => 1).toIssueQueriesAtMost(2, { transactionControl: true });
  await expect(() => 1).toAllocateAtMost('2 KiB');
  await expect((n: number) => n).toScaleAtMost('n', { metric: 'ops' });
  await expect(sized((n) => n, (n) => n)).toUseStackAtMost('64 KiB', 1000);
  await expect((n: number) => n).toScaleAtMost('log n', { metric: 'stack' });
  // @ts-expect-error toUseStackAtMost takes no calls option
  await expect(() => 1).toUseStackAtMost(4096, { calls: 3 });
  configure({ inconclusive: 'fail' });
  // @ts-expect-error an unknown inconclusive policy
  configure({ inconclusive: 'strict' });
  // @ts-expect-error a misspelled complexity class
  await expect((n: number) => n).toScaleAtMost('O(n2)');
  // @ts-expect-error the budget is a number of milliseconds
  await expect(() => 1).toRunUnder('5');
  // @ts-expect-error an unknown matcher does not type-check
  await expect(() => 1).toRunFaster(5);
  // @ts-expect-error a number is not a workload: perfspec needs a function to call
  await expect(42).toRunUnder(5);
  // @ts-expect-error a SQL string is not a workload
  await expect('SELECT 1').toIssueQueriesAtMost(1);
}
