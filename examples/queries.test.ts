// The N+1 guard on a real database (PGlite). examples/failing/nPlusOne.test.ts shows the failure it catches.
import { beforeAll, expect, test } from 'vitest';
import { listUsersWithTeams, listUsersWithTeamsNPlusOne, seedTeams } from './support/teamsDatabase.js';

beforeAll(seedTeams, 60_000);

test('listing 50 users with their teams takes one query', async () => {
  await expect(() => listUsersWithTeams()).toIssueQueriesAtMost(1);
  expect(await listUsersWithTeams()).toEqual(await listUsersWithTeamsNPlusOne());
});
