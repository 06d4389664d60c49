// Perf snapshots: the figures of a workload kept beside the test, in __perf_snapshots__/snapshot.test.ts.perf.json
// (committed, reviewed in the diff). The first run records them; later runs compare: queries exactly, bytes per call
// within 10% + 256 B, time (only on the machine that recorded it) within 2×. Update with `vitest -u` or
// PERFSPEC_UPDATE=1. examples/failing/snapshot.test.ts shows the failure an added N+1 gets.
import { beforeAll, expect, test } from 'vitest';
import { sized } from 'perfspec';
import { listUsersWithTeams, seedTeams } from './support/teamsDatabase.js';

beforeAll(seedTeams, 60_000);

test('listing users with their teams keeps its snapshot', async () => {
  // PGlite runs inside this process, so its time is CPU time even though the call is async; 2 s of sampling, as
  // a database call varies more from call to call than a pure function.
  await expect(() => listUsersWithTeams()).toMatchPerfSnapshot({ clock: 'cpu', maxTimeMs: 2000 });
});

test('a sized workload keeps its snapshot at its n', async () => {
  const shuffled = (n: number): number[] => Array.from({ length: n }, (_, i) => (i * 7919) % n);
  await expect(sized(shuffled, (values) => [...values].sort((a, b) => a - b))).toMatchPerfSnapshot(10_000);
});
