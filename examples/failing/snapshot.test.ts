// Deliberately failing: the committed perf snapshot (failing/__perf_snapshots__/snapshot.test.ts.perf.json) was
// recorded with the JOIN, one query per call; the code under test now lists users with an N+1. The failure message is
// the point: "+50 × SELECT name FROM teams WHERE id = ?", whatever machine runs it (queries are compared exactly,
// time only where the snapshot was recorded).
import { beforeAll, expect, test } from 'vitest';
import { listUsersWithTeams, listUsersWithTeamsNPlusOne, seedTeams } from '../support/teamsDatabase.js';

beforeAll(seedTeams, 60_000);

// PERFSPEC_EXAMPLE_RECORD=1 PERFSPEC_UPDATE=1 re-records the snapshot from the JOIN version.
const listUsers = process.env['PERFSPEC_EXAMPLE_RECORD'] === '1' ? listUsersWithTeams : listUsersWithTeamsNPlusOne;

test('listing users with their teams still matches its snapshot (an N+1 crept in)', async () => {
  await expect(() => listUsers()).toMatchPerfSnapshot({ clock: 'cpu' });
});
