// An N+1 caught by toIssueQueriesAtMost, on PGlite (Postgres in WebAssembly, nothing to install).
// The first test FAILS on purpose, to show the message; the second is the fix.
// Run: npm run build && npx vitest run --root examples queries
import { PGlite } from '@electric-sql/pglite';
import 'perfspec/vitest';
import { beforeAll, expect, test } from 'vitest';

const db = new PGlite();

beforeAll(async () => {
  await db.exec(`
    CREATE TABLE teams (id int PRIMARY KEY, name text);
    CREATE TABLE users (id int PRIMARY KEY, name text, team_id int REFERENCES teams);
    INSERT INTO teams SELECT i, 'team ' || i FROM generate_series(1, 5) i;
    INSERT INTO users SELECT i, 'user ' || i, 1 + i % 5 FROM generate_series(1, 50) i;
  `);
}, 60_000);

// What code generators often write: one query for the list, then one per row.
async function listUsersWithTeamsNPlusOne() {
  const { rows: users } = await db.query<{ id: number; name: string; team_id: number }>('SELECT id, name, team_id FROM users ORDER BY id');
  const result = [];
  for (const user of users) {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [user.team_id]);
    result.push({ ...user, team: rows[0]?.name });
  }
  return result;
}

// The fix: one JOIN.
async function listUsersWithTeams() {
  const { rows } = await db.query('SELECT u.id, u.name, u.team_id, t.name AS team FROM users u JOIN teams t ON t.id = u.team_id ORDER BY u.id');
  return rows;
}

test('N+1: listing 50 users with their teams (fails on purpose: 51 queries)', async () => {
  await expect(() => listUsersWithTeamsNPlusOne()).toIssueQueriesAtMost(2);
});

test('fixed: the same list in one query', async () => {
  await expect(() => listUsersWithTeams()).toIssueQueriesAtMost(1);
  expect(await listUsersWithTeams()).toEqual(await listUsersWithTeamsNPlusOne());
});
