import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { sized } from '../../src/engine/workload.js';
import { toIssueQueriesAtMost } from '../../src/matchers/toIssueQueriesAtMost.js';
import { failureMessage } from '../fixtures/failureMessage.js';

const db = new Database(':memory:');
db.exec('CREATE TABLE m_users (id INTEGER PRIMARY KEY, team_id INTEGER); CREATE TABLE m_teams (id INTEGER PRIMARY KEY, name TEXT)');
db.exec(`INSERT INTO m_teams VALUES ${Array.from({ length: 5 }, (_, i) => `(${i + 1}, 'team ${i + 1}')`).join(', ')}`);
db.exec(`INSERT INTO m_users VALUES ${Array.from({ length: 20 }, (_, i) => `(${i + 1}, ${(i % 5) + 1})`).join(', ')}`);
afterAll(() => db.close());

const teamOf = db.prepare('SELECT name FROM m_teams WHERE id = ?');
function listUsersWithTeams(limit = 20): unknown[] {
  const users = db.prepare('SELECT id, team_id FROM m_users WHERE id <= ?').all(limit) as { id: number; team_id: number }[];
  return users.map((user) => ({ ...user, team: teamOf.get(user.team_id) }));
}

describe('toIssueQueriesAtMost', () => {
  test('the failure message: count against k, shapes by frequency with the N+1 flagged, first instance and call site', async () => {
    const result = await toIssueQueriesAtMost.call({ isNot: false }, () => listUsersWithTeams(), 2);
    expect(result.pass).toBe(false);
    const message = result.message().replace(/\d+(\.\d+)? (ms|µs|ns)/g, '<t>');
    expect(message).toBe(
      [
        'expect(received).toIssueQueriesAtMost(k)',
        '',
        'Expected: at most 2 queries',
        'Received: 21 queries of 2 shapes',
        '',
        '  count  shape',
        '     20  SELECT name FROM m_teams WHERE id = ?          likely N+1: 5 distinct values',
        '      1  SELECT id, team_id FROM m_users WHERE id <= ?',
        '',
        'First of each shape:',
        '  SELECT name FROM m_teams WHERE id = ?',
        '    params [ 1 ]  at test/matchers/toIssueQueriesAtMost.test.ts:16:55 ← 21:76',
        '  SELECT id, team_id FROM m_users WHERE id <= ?',
        '    params [ 20 ]  at test/matchers/toIssueQueriesAtMost.test.ts:15:77 ← 21:76',
        '',
        'Measured: one call, <t> wall, <t> in queries, via better-sqlite3',
        'Hint:     20 statements of one shape with 5 different values look like an N+1: load them in one statement (a JOIN, or WHERE id IN (…) / = ANY($1)) or batch them',
      ].join('\n'),
    );
  });

  test('.not: passes when the count exceeds k, and its message says the count was within', async () => {
    await expect(() => listUsersWithTeams()).not.toIssueQueriesAtMost(20);
    const message = await failureMessage(expect(() => listUsersWithTeams()).not.toIssueQueriesAtMost(21));
    expect(message).toMatch(/Expected: more than 21 queries\nReceived: 21 queries of 2 shapes\n/);
    expect(message).toContain('Hint:     the call issued 21, which is within 21');
  });

  test('a sized workload is measured at n, its setup outside the count', async () => {
    const workload = sized(
      (n) => {
        listUsersWithTeams(1);
        return n;
      },
      (n) => listUsersWithTeams(n),
    );
    await expect(workload).toIssueQueriesAtMost(6, 5);
    await expect(workload).not.toIssueQueriesAtMost(5, { n: 5 });
    await expect(expect(workload).toIssueQueriesAtMost(6)).rejects.toThrow(/toIssueQueriesAtMost: n must be given for a sized workload/);
  });

  test('lazy thenables are awaited inside the measurement', async () => {
    const builder = { then: (resolve: (value: unknown) => void) => resolve(listUsersWithTeams(3)) };
    await expect(() => builder).not.toIssueQueriesAtMost(3);
  });

  test('ignore drops statements by RegExp or predicate, and excluded ones are named in the message', async () => {
    await expect(() => listUsersWithTeams()).toIssueQueriesAtMost(1, { ignore: /m_teams/ });
    await expect(() => listUsersWithTeams()).toIssueQueriesAtMost(20, { ignore: (q) => q.text.includes('m_users') });
    const message = await failureMessage(expect(() => listUsersWithTeams()).toIssueQueriesAtMost(0, { ignore: /m_teams/ }));
    expect(message).toMatch(/Received: 1 query of 1 shape; 20 more not counted \(20 ignored\)\n/);
    expect(message).toContain('Rerun:    { ignore: /m_teams/ }');
  });

  test('a query issued after the call settled is listed as late and not counted', async () => {
    let later: Promise<void> | undefined;
    const result = await toIssueQueriesAtMost.call({}, () => {
      later = new Promise<void>((resolve) => setTimeout(() => resolve(void teamOf.get(1)), 5));
    }, 0);
    expect(result.pass).toBe(true);
    await later;
    expect(result.message()).toMatch(/Received: 0 queries; 1 issued after the call settled \(late, not counted\)\n[^]*Late \(issued after the call settled, not counted\):\n {2}SELECT name FROM m_teams WHERE id = \? {2}at test\/matchers\/toIssueQueriesAtMost\.test\.ts:\d+:\d+/);
  });

  test('a call that never settles is abandoned after maxTimeMs and fails with and without .not', async () => {
    const never = (): Promise<void> => new Promise(() => undefined);
    await expect(expect(never).toIssueQueriesAtMost(1, { maxTimeMs: 30 })).rejects.toThrow(/had not settled after \d+ ms/);
    await expect(expect(never).not.toIssueQueriesAtMost(1, { maxTimeMs: 30 })).rejects.toThrow(/had not settled after \d+ ms/);
  });

  test('misuse throws a usage error naming the argument, and wrong types are compile errors too', async () => {
    await expect(expect(() => 1).toIssueQueriesAtMost(-1)).rejects.toThrow(/toIssueQueriesAtMost: k must be a whole number of queries \(0 or more\)/);
    await expect(expect(() => 1).toIssueQueriesAtMost(1.5)).rejects.toThrow(/k must be a whole number/);
    // @ts-expect-error k is a number
    await expect(expect(() => 1).toIssueQueriesAtMost('2')).rejects.toThrow(/k must be a whole number/);
    // @ts-expect-error transactionControl is a boolean
    await expect(expect(() => 1).toIssueQueriesAtMost(1, { transactionControl: 'yes' })).rejects.toThrow(/options.transactionControl must be true or false/);
    // @ts-expect-error maxTime is not an option
    await expect(expect(() => 1).toIssueQueriesAtMost(1, { maxTime: 5 })).rejects.toThrow(/unknown option "maxTime"/);
    // @ts-expect-error ignore is a RegExp or a predicate
    await expect(expect(() => 1).toIssueRequestsAtMost(1, { ignore: 'health' })).rejects.toThrow(/options.ignore must be a RegExp/);
    // @ts-expect-error a promise is not a workload (pass the function); plain JavaScript gets the run-time error
    await expect(expect(listUsersWithTeams()).toIssueQueriesAtMost(1)).rejects.toThrow(/received must be a function/);
  });
});
