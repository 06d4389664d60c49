// Deliberately failing: the N+1 version issues 51 queries where 2 are allowed. The failure message is the point:
// it groups the statements by shape and flags the repeated one as a likely N+1, with its call site.
import { beforeAll, expect, test } from 'vitest';
import { listUsersWithTeamsNPlusOne, seedTeams } from '../support/teamsDatabase.js';

beforeAll(seedTeams, 60_000);

test('N+1: listing 50 users with their teams in at most 2 queries (it takes 51)', async () => {
  await expect(() => listUsersWithTeamsNPlusOne()).toIssueQueriesAtMost(2);
});
