import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { engineOverrides } from '../../../src/config/engineOverrides.js';
import { countOp } from '../../../src/engine/growth/metrics/opsMetric.js';
import { sized } from '../../../src/engine/workload.js';
import { matchers } from '../../../src/matchers/matchers.js';
import type { MatcherContext } from '../../../src/report/layout.js';
import type { PerfRecord } from '../../../src/report/run/recordAssertion.js';
import { fakeHeap } from '../../fixtures/fakeHeap.js';

const db = new Database(':memory:');
db.exec('CREATE TABLE r_teams (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE r_users (id INTEGER PRIMARY KEY, team_id INTEGER)');
db.exec("INSERT INTO r_teams VALUES (1, 'a'), (2, 'b'), (3, 'c'); INSERT INTO r_users SELECT value, 1 + value % 3 FROM json_each('[1,2,3,4,5,6]')");
afterAll(() => db.close());
const allUsers = db.prepare('SELECT * FROM r_users');
const teamById = db.prepare('SELECT name FROM r_teams WHERE id = ?');
const usersWithTeams = (): unknown[] => (allUsers.all() as { team_id: number }[]).map((user) => teamById.get(user.team_id));

afterEach(() => {
  delete engineOverrides.heapProbe;
  delete process.env['PERFSPEC_OUTPUT'];
});

/** A Vitest-like matcher context whose task collects the records, as `task.meta` does in a real run. */
function context(): MatcherContext & { records: () => PerfRecord[] } {
  const meta: { perfspec?: PerfRecord[] } = {};
  return {
    isNot: false,
    task: { meta, fullTestName: 'records > one', file: { filepath: '/work/app/a.test.ts' } },
    records: () => meta.perfspec ?? [],
  } as MatcherContext & { records: () => PerfRecord[] };
}

const agentJson = (message: string): Record<string, unknown> => JSON.parse(/```json\n([\s\S]*?)\n```/.exec(message)?.[1] ?? 'null') as Record<string, unknown>;

describe('every matcher leaves one record and, for an agent, one JSON block', () => {
  test('toIssueQueriesAtMost: the count against k, and the top shapes with their call sites', async () => {
    process.env['PERFSPEC_OUTPUT'] = 'agent';
    const ctx = context();
    const result = await matchers.toIssueQueriesAtMost.call(ctx, usersWithTeams, 2);
    expect(result.pass).toBe(false);
    expect(ctx.records()).toMatchObject([
      { test: 'records > one', file: '/work/app/a.test.ts', matcher: 'toIssueQueriesAtMost', metric: 'queries per call', statistic: 'count', value: 7, unit: 'queries', verdict: 'fail', pass: false, budget: 2, direction: 'at most' },
    ]);
    const block = agentJson(result.message());
    expect(block['measured']).toEqual({ value: 7, lower: null, upper: null, unit: 'queries' });
    expect((block['top'] as { shape: string; count: number }[]).map(({ shape, count }) => [shape, count])).toEqual([
      ['SELECT name FROM r_teams WHERE id = ?', 6],
      ['SELECT * FROM r_users', 1],
    ]);
  });

  test('toFetchRowsAtMost: the rows, and the statements that returned the most', async () => {
    const ctx = context();
    const result = await matchers.toFetchRowsAtMost.call(ctx, () => allUsers.all(), 10);
    expect(result.pass).toBe(true);
    expect(ctx.records()).toMatchObject([{ matcher: 'toFetchRowsAtMost', metric: 'rows returned per call', value: 6, unit: 'rows', verdict: 'pass', pass: true, budget: 10 }]);
  });

  test('toAllocateAtMost: bytes per call against the budget', async () => {
    const heap = fakeHeap({ readCostBytes: 200 });
    engineOverrides.heapProbe = heap.probe;
    const ctx = context();
    const result = await matchers.toAllocateAtMost.call(ctx, () => heap.allocate(1000), '1 KiB');
    expect(result.pass).toBe(true);
    expect(ctx.records()).toMatchObject([{ matcher: 'toAllocateAtMost', metric: 'allocated bytes per call', statistic: 'median of 5 calls', value: 1000, unit: 'B', verdict: 'pass', budget: 1024 }]);
  });

  test('toScaleAtMost: the excess slope over the class, with its interval, against the tolerance', async () => {
    process.env['PERFSPEC_OUTPUT'] = 'agent';
    const ctx = context();
    const quadratic = sized(
      (n: number) => n,
      (n: number) => {
        for (let i = 0; i < n * n; i++) countOp();
      },
    );
    const result = await matchers.toScaleAtMost.call(ctx, quadratic, 'n', { metric: 'ops', sizes: [10, 20, 40, 80, 160] });
    expect(result.pass).toBe(false);
    const [record] = ctx.records();
    expect(record).toMatchObject({ matcher: 'toScaleAtMost', metric: 'ops growth', statistic: 'excess log-log slope over O(n)', unit: 'slope', verdict: 'fail', pass: false, budget: 0.05 });
    expect(record?.value).toBeCloseTo(1, 6);
    expect(agentJson(result.message())['top']).toEqual([{ bestFit: 'n^2', exponent: expect.closeTo(2, 6) as unknown }]);
  });

  test('toUseStackAtMost: the stack bytes against the budget, and the recursion with where it overflows', async () => {
    process.env['PERFSPEC_OUTPUT'] = 'agent';
    const ctx = context();
    const list = (n: number): { next: unknown } | null => {
      let head: { next: unknown } | null = null;
      for (let i = 0; i < n; i++) head = { next: head };
      return head;
    };
    const walk = (node: { next: unknown } | null): number => (node === null ? 0 : 1 + walk(node.next as { next: unknown } | null));
    const result = await matchers.toUseStackAtMost.call(ctx, sized(list, walk), '16 KiB', 2000);
    expect(result.pass).toBe(false);
    const [record] = ctx.records();
    expect(record).toMatchObject({ matcher: 'toUseStackAtMost', metric: 'stack beyond the caller per call', unit: 'B', n: 2000, verdict: 'fail', pass: false, budget: 16_384 });
    expect(record?.value).toBeGreaterThan(2000 * 16);
    const top = agentJson(result.message())['top'] as Record<string, unknown>[];
    expect(top[0]).toMatchObject({ function: 'walk', frames: expect.any(Number) as unknown });
    expect(top[1]).toMatchObject({ bytesPerUnitOfN: expect.any(Number) as unknown, overflowsAtN: expect.any(Number) as unknown });
  });
});
