// A PGlite database (Postgres in WebAssembly, nothing to install) with 5 teams and 50 users, and the two ways of
// listing users with their team: the N+1 that code generators often write, and the fix.
import { PGlite } from '@electric-sql/pglite';

export const db = new PGlite();

export async function seedTeams(): Promise<void> {
  await db.exec(`
    CREATE TABLE IF NOT EXISTS teams (id int PRIMARY KEY, name text);
    CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text, team_id int REFERENCES teams);
    INSERT INTO teams SELECT i, 'team ' || i FROM generate_series(1, 5) i ON CONFLICT DO NOTHING;
    INSERT INTO users SELECT i, 'user ' || i, 1 + i % 5 FROM generate_series(1, 50) i ON CONFLICT DO NOTHING;
  `);
}

// What code generators often write: one query for the list, then one per row.
export async function listUsersWithTeamsNPlusOne(): Promise<{ id: number; name: string; team_id: number; team: string | undefined }[]> {
  const { rows: users } = await db.query<{ id: number; name: string; team_id: number }>('SELECT id, name, team_id FROM users ORDER BY id');
  const result = [];
  for (const user of users) {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [user.team_id]);
    result.push({ ...user, team: rows[0]?.name });
  }
  return result;
}

// The fix: one JOIN.
export async function listUsersWithTeams(): Promise<unknown[]> {
  const { rows } = await db.query('SELECT u.id, u.name, u.team_id, t.name AS team FROM users u JOIN teams t ON t.id = u.team_id ORDER BY u.id');
  return rows;
}
