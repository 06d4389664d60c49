import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sized } from '../../../src/engine/workload.js';
import { measureQueries } from '../../../src/queries/measureQueries.js';
import { resetQuerySpy } from '../../../src/queries/resetQuerySpy.js';
import { trackQueries } from '../../../src/queries/trackQueries.js';
import { failureMessage } from '../../fixtures/failureMessage.js';
import type { SqlHarness } from './SqlHarness.js';

/**
 * The contract every SQL adapter passes, on a real database: N+1 vs JOIN vs IN, prepared statements, transactions,
 * errors, concurrent measurements on one connection, and untracking.
 */
export function sqlContract(harness: SqlHarness, skip = false): void {
  const users = `${harness.prefix}_users`;
  const teams = `${harness.prefix}_teams`;
  const p = (i: number): string => harness.placeholder(i);

  describe.skipIf(skip)(`query contract: ${harness.name}`, () => {
    beforeAll(async () => {
      await harness.open();
      await harness.run(`DROP TABLE IF EXISTS ${users}`);
      await harness.run(`DROP TABLE IF EXISTS ${teams}`);
      await harness.run(`CREATE TABLE ${teams} (id INTEGER PRIMARY KEY, name VARCHAR(40))`);
      await harness.run(`CREATE TABLE ${users} (id INTEGER PRIMARY KEY, name VARCHAR(40), team_id INTEGER)`);
      await harness.run(`INSERT INTO ${teams} (id, name) VALUES ${Array.from({ length: 10 }, (_, i) => `(${i + 1}, 'team ${i + 1}')`).join(', ')}`);
      await harness.run(`INSERT INTO ${users} (id, name, team_id) VALUES ${Array.from({ length: 50 }, (_, i) => `(${i + 1}, 'user ${i + 1}', ${(i % 10) + 1})`).join(', ')}`);
    }, 60_000);
    afterAll(async () => {
      await harness.run(`DROP TABLE IF EXISTS ${users}`);
      await harness.run(`DROP TABLE IF EXISTS ${teams}`);
      await harness.close();
    });

    async function nPlusOne(): Promise<number> {
      const list = await harness.run(`SELECT id, name, team_id FROM ${users} ORDER BY id`);
      for (const user of list) await harness.run(`SELECT name FROM ${teams} WHERE id = ${p(1)}`, [user['team_id']]);
      return list.length;
    }

    test('N+1 over 50 users issues 51 queries; the failure names the repeated shape and its distinct values', async () => {
      const log = await measureQueries(nPlusOne);
      expect(log.queries).toHaveLength(51);
      expect(log.queries.every((q) => q.driver === log.queries[0]?.driver && q.durationMs !== undefined)).toBe(true);
      const message = await failureMessage(expect(nPlusOne).toIssueQueriesAtMost(2));
      expect(message).toMatch(/Expected: at most 2 queries\nReceived: 51 queries of 2 shapes/);
      expect(message).toMatch(new RegExp(`\\n +50  SELECT name FROM ${teams} WHERE id = \\?\\s+likely N\\+1: 10 distinct values\\n +1  SELECT id, name, team_id FROM ${users} ORDER BY id\\n`));
      // The statement's own line, then the callers up to the contract's loop (helper ← loop).
      expect(message).toMatch(/\n {4}params \[ '?1'? \] {2}at test\/queries\/\w+\.test\.ts:\d+:\d+ ← test\/queries\/contract\/sqlContract\.ts:\d+:\d+/);
      await expect(nPlusOne).not.toIssueQueriesAtMost(50);
    });

    test('rows: SELECT * with a JavaScript filter fetches all 50 rows and fails; WHERE … LIMIT fetches 5 and passes', async () => {
      const unpaginated = async (): Promise<number> => (await harness.run(`SELECT * FROM ${users}`)).filter((user) => user['team_id'] === 3).length;
      const paginated = async (): Promise<number> => (await harness.run(`SELECT * FROM ${users} WHERE team_id = ${p(1)} ORDER BY id LIMIT 5`, [3])).length;
      expect(await unpaginated()).toBe(5);
      expect(await paginated()).toBe(5);
      const log = await measureQueries(unpaginated);
      expect(log.queries.map((q) => q.returnedRows)).toEqual([50]);
      expect((await measureQueries(paginated)).queries.map((q) => q.returnedRows)).toEqual([5]);
      await expect(paginated).toFetchRowsAtMost(5);
      await expect(unpaginated).not.toFetchRowsAtMost(49);
      const message = await failureMessage(expect(unpaginated).toFetchRowsAtMost(10));
      expect(message).toMatch(/Expected: at most 10 rows returned by the database\nReceived: 50 rows from 1 statement\n/);
      expect(message).toMatch(new RegExp(`\\n +50 +1× +SELECT \\* FROM ${users} +test/queries/\\S+\\.ts:\\d+:\\d+( ← \\S+)*\\n`));
      expect(message).toContain(`Hint:     \`SELECT * FROM ${users}\` returned 50 rows to the application: filter in SQL with a WHERE, page it with LIMIT`);
    });

    test('rows: writes without RETURNING return none; an N+1 adds its rows up', async () => {
      const write = async (): Promise<void> => void (await harness.run(`UPDATE ${users} SET name = name WHERE id <= 10`));
      expect((await measureQueries(write)).queries.map((q) => q.returnedRows)).toEqual([0]);
      const log = await measureQueries(nPlusOne);
      expect(log.queries.reduce((sum, q) => sum + (q.returnedRows ?? Number.NaN), 0)).toBe(100);
    });

    test("rows: toScaleAtMost('1', { metric: 'rows' }) fails a read that grows with n and passes a page of 5", async () => {
      const sizes = [5, 10, 20, 40];
      const upTo = sized(
        (n) => n,
        (n) => harness.run(`SELECT * FROM ${users} WHERE id <= ${p(1)}`, [n]),
      );
      const page = sized(
        (n) => n,
        (n) => harness.run(`SELECT * FROM ${users} WHERE id <= ${p(1)} ORDER BY id LIMIT 5`, [n]),
      );
      await expect(page).toScaleAtMost('1', { metric: 'rows', sizes, maxTimeMs: 20_000 });
      const message = await failureMessage(expect(upTo).toScaleAtMost('1', { metric: 'rows', sizes, maxTimeMs: 20_000 }));
      expect(message).toContain('median rows returned by the database per call');
      expect(message).toContain('toFetchRowsAtMost at one n names the statement');
    });

    test('a JOIN is 1 query and an IN-list is 2', async () => {
      await expect(() => harness.run(`SELECT u.id, t.name FROM ${users} u JOIN ${teams} t ON t.id = u.team_id`)).toIssueQueriesAtMost(1);
      const withIn = async (): Promise<void> => {
        const list = await harness.run(`SELECT id, team_id FROM ${users}`);
        const ids = [...new Set(list.map((user) => user['team_id']))];
        const found = await harness.run(`SELECT id, name FROM ${teams} WHERE id IN (${ids.map((_, i) => p(i + 1)).join(', ')})`, ids);
        expect(found).toHaveLength(10);
      };
      const log = await measureQueries(withIn);
      expect(log.queries.map((q) => q.shape)).toEqual([`SELECT id, team_id FROM ${users}`, `SELECT id, name FROM ${teams} WHERE id IN (?…)`]);
      await expect(withIn).toIssueQueriesAtMost(2);
      expect(await failureMessage(expect(withIn).toIssueQueriesAtMost(1))).toMatch(/Expected: at most 1 query\nReceived: 2 queries of 2 shapes\n/);
    });

    test('a prepared statement executed 3 times is 3 queries', async () => {
      const byId = harness.prepared(`SELECT name FROM ${users} WHERE id = ${p(1)}`);
      await byId([1]);
      const log = await measureQueries(async () => {
        for (const id of [1, 2, 3]) expect(await byId([id])).toHaveLength(1);
      });
      expect(log.queries.map((q) => q.params)).toEqual([[1], [2], [3]].map((values) => values.map((v) => (harness.name === 'PGlite' ? String(v) : v))));
      expect(log.queries.map((q) => q.rows)).toEqual([1, 1, 1]);
    });

    test('transaction control is left out unless transactionControl: true', async () => {
      const body = (): Promise<void> =>
        harness.transaction(async (run) => {
          await run(`UPDATE ${users} SET name = ${p(1)} WHERE id = ${p(2)}`, ['renamed', 1]);
          await run(`SELECT name FROM ${users} WHERE id = ${p(1)}`, [1]);
        });
      const log = await measureQueries(body);
      expect(log.queries).toHaveLength(2);
      expect(log.excluded.map((q) => q.text.toUpperCase())).toEqual([expect.stringMatching(/^(BEGIN|START TRANSACTION)/), 'COMMIT']);
      expect((await measureQueries(body, { transactionControl: true })).queries).toHaveLength(4);
      await expect(body).toIssueQueriesAtMost(2);
      await expect(body).not.toIssueQueriesAtMost(3, { transactionControl: true });
      await expect(body).toIssueQueriesAtMost(1, { ignore: /^UPDATE/ });
    });

    test('a failing statement is counted, and its error reaches the test unchanged', async () => {
      let caught: unknown;
      const log = await measureQueries(async () => {
        try {
          await harness.run(`SELECT no_such_column FROM ${users}`);
        } catch (error) {
          caught = error;
        }
      });
      expect(caught).toBeInstanceOf(Error);
      expect(log.queries).toHaveLength(1);
      expect(log.queries[0]?.failed).toBe(true);
      let original: unknown;
      const failing = async (): Promise<unknown> => {
        try {
          return await harness.run(`SELECT no_such_column FROM ${users}`);
        } catch (error) {
          original = error;
          throw error;
        }
      };
      const thrown = await expect(failing).toIssueQueriesAtMost(5).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(original).toBeInstanceOf(Error);
      expect(thrown).toBe(original);
    });

    test('concurrent measurements on one connection count 10 and 10, not 20 and 0', async () => {
      const ten = async (): Promise<void> => {
        for (let i = 0; i < 10; i++) await harness.pooled(`SELECT id FROM ${users} WHERE id = ${p(1)}`, [i + 1]);
      };
      const [a, b] = await Promise.all([measureQueries(ten), measureQueries(ten)]);
      expect([a.queries.length, b.queries.length]).toEqual([10, 10]);
    });

    test('a statement issued after the call settled is reported late, not counted', async () => {
      let later: Promise<unknown> | undefined;
      const log = await measureQueries(() => {
        later = new Promise((resolve) => setTimeout(resolve, 5)).then(() => harness.run(`SELECT 1 AS one`));
      });
      await later;
      expect(log.queries).toHaveLength(0);
      expect(log.late.map((q) => q.text)).toEqual(['SELECT 1 AS one']);
    });

    test('trackQueries hooks the driver without zero-config, and its undo restores the driver', async () => {
      resetQuerySpy({ autoInstall: false });
      try {
        const before = harness.hookedMethods();
        expect((await measureQueries(() => harness.run('SELECT 1 AS one'))).queries).toHaveLength(0);
        const untrack = trackQueries(harness.target());
        expect(harness.hookedMethods()).not.toEqual(before);
        expect((await measureQueries(() => harness.run('SELECT 1 AS one'))).queries).toHaveLength(1);
        untrack();
        expect(harness.hookedMethods()).toEqual(before);
        expect((await measureQueries(() => harness.run('SELECT 1 AS one'))).queries).toHaveLength(0);
      } finally {
        resetQuerySpy({ autoInstall: true });
      }
    });
  });
}
