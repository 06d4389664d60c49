import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { configure } from '../../src/config/configure.js';
import { snapshotUpdateMode } from '../../src/config/effectiveOptions.js';
import { engineOverrides } from '../../src/config/engineOverrides.js';
import { sized } from '../../src/engine/workload.js';
import { toMatchPerfSnapshot } from '../../src/matchers/toMatchPerfSnapshot.js';
import type { MatcherContext, MatcherResult } from '../../src/report/layout.js';
import { environmentFingerprint } from '../../src/report/run/environmentFingerprint.js';
import { perfSnapshotFile } from '../../src/report/run/perfSnapshotFile.js';
import { fakeHeap } from '../fixtures/fakeHeap.js';
import type { SimulatedHeap } from '../fixtures/SimulatedHeap.js';
import { useFakeEngineClock } from '../fixtures/useFakeEngineClock.js';

// A small database with the N+1 of the issue: users, and a team looked up per user.
const db = new Database(':memory:');
db.exec('CREATE TABLE s_users (id INTEGER PRIMARY KEY, team_id INTEGER); CREATE TABLE s_teams (id INTEGER PRIMARY KEY, name TEXT)');
db.exec(`INSERT INTO s_teams VALUES ${Array.from({ length: 50 }, (_, i) => `(${i + 1}, 'team ${i + 1}')`).join(', ')}`);
db.exec(`INSERT INTO s_users VALUES ${Array.from({ length: 50 }, (_, i) => `(${i + 1}, ${i + 1})`).join(', ')}`);
afterAll(() => db.close());
const listUsers = db.prepare('SELECT id, team_id FROM s_users');
const listUsersWithTeams = db.prepare('SELECT u.id, t.name FROM s_users u JOIN s_teams t ON t.id = u.team_id');
const teamOf = db.prepare('SELECT name FROM s_teams WHERE id = ?');

const fake = useFakeEngineClock();
let heap: SimulatedHeap;
let directory = '';
let testPath = '';
const saved = { CI: process.env['CI'], PERFSPEC_UPDATE: process.env['PERFSPEC_UPDATE'] };

beforeEach(() => {
  heap = fakeHeap();
  engineOverrides.heapProbe = heap.probe;
  delete process.env['CI'];
  delete process.env['PERFSPEC_UPDATE'];
  directory = mkdtempSync(join(tmpdir(), 'perfspec-snapshot-'));
  testPath = join(directory, 'users.test.ts');
});

afterEach(() => {
  perfSnapshotFile(testPath).finish('none', []);
  delete engineOverrides.heapProbe;
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  configure({ inconclusive: undefined });
  rmSync(directory, { recursive: true, force: true });
});

/** The matcher's `this` in a test named `name` of users.test.ts, with the runner's update flag. */
const inTest = (name = 'users > lists users', update: 'all' | 'new' | 'none' = 'new'): MatcherContext => ({ testPath, currentTestName: name, snapshotState: { _updateSnapshot: update } });
/** Ends one run of the test file (as the runner entries do in afterAll), so that the next call is a new run. */
const endRun = (update: 'all' | 'new' | 'none' = 'new', notRun: string[] = []): string | undefined => perfSnapshotFile(testPath).finish(update, notRun);
const snapshotPath = (): string => join(directory, '__perf_snapshots__', 'users.test.ts.perf.json');
const stored = (): { version: number; entries: Record<string, { time: { valueNs: number; clock: string }; bytesPerCall: number; queries: unknown[]; fingerprint: Record<string, unknown> }> } =>
  JSON.parse(readFileSync(snapshotPath(), 'utf8'));
const text = (result: MatcherResult): string => stripVTControlCharacters(result.message());

/** 100 µs of CPU and 1 000 bytes per call, and the users listed with their teams in one query. */
const current = (): unknown => {
  fake.spend(100_000);
  heap.allocate(1000);
  return listUsersWithTeams.all();
};
/** The same, three times slower. */
const slower = (): unknown => {
  fake.spend(300_000);
  heap.allocate(1000);
  return listUsersWithTeams.all();
};
/** The same time and bytes, with an N+1: the users, then each one's team. */
const nPlusOne = (): unknown => {
  fake.spend(100_000);
  heap.allocate(1000);
  return (listUsers.all() as { id: number; team_id: number }[]).map((user) => ({ ...user, team: teamOf.get(user.team_id) }));
};

describe('toMatchPerfSnapshot: the round trip', () => {
  test('the first run records the figures into __perf_snapshots__/<file>.perf.json, keyed by test name and counter', async () => {
    const result = await toMatchPerfSnapshot.call(inTest(), current);
    expect(result.pass).toBe(true);
    expect(result.message()).toBe(`toMatchPerfSnapshot: recorded "users > lists users 1" in ${snapshotPath()}`);
    await toMatchPerfSnapshot.call(inTest(), sized((n) => n, () => (fake.spend(20_000), heap.allocate(64))), 10);
    expect(stored()).toEqual({
      version: 1,
      entries: {
        'users > lists users 1': {
          time: { statistic: 'median', clock: 'cpu', valueNs: 100_000, lowerNs: 100_000, upperNs: 100_000 },
          bytesPerCall: 1000,
          queries: [{ shape: 'SELECT u.id, t.name FROM s_users u JOIN s_teams t ON t.id = u.team_id', count: 1 }],
          requests: [],
          fingerprint: environmentFingerprint(),
        },
        'users > lists users 2': {
          n: 10,
          time: { statistic: 'median', clock: 'cpu', valueNs: 20_000, lowerNs: 20_000, upperNs: 20_000 },
          bytesPerCall: 64,
          queries: [],
          requests: [],
          fingerprint: environmentFingerprint(),
        },
      },
    });
    // Readable, stable JSON: two-space indents, keys in a fixed order, a final newline.
    expect(readFileSync(snapshotPath(), 'utf8')).toMatch(/^\{\n {2}"version": 1,\n {2}"entries": \{\n {4}"users > lists users 1": \{\n {6}"time": \{/);
    expect(readFileSync(snapshotPath(), 'utf8').endsWith('}\n')).toBe(true);
  });

  test('an unchanged rerun passes and leaves the file as it was', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    expect(endRun()).toBeUndefined();
    const before = readFileSync(snapshotPath(), 'utf8');
    const result = await toMatchPerfSnapshot.call(inTest(), current);
    expect(result.pass).toBe(true);
    expect(result.inconclusive).toBeUndefined();
    expect(readFileSync(snapshotPath(), 'utf8')).toBe(before);
  });

  test('a 3× slower function fails on a matching fingerprint, with the time against its limit', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    endRun();
    const result = await toMatchPerfSnapshot.call(inTest(), slower);
    expect(result.pass).toBe(false);
    const message = text(result);
    expect(message).toContain('Received: median CPU time per call 300 µs (300 µs–300 µs), 3.00× the snapshot\'s');
    expect(message).toMatch(/ {2}median cpu time +100 µs +300 µs \(300 µs–300 µs\) +201 µs \(\+100% \+ 1\.00 µs\) +OVER/);
    expect(message).toContain('Hint:     if the change is intended, update the snapshot: vitest -u, jest -u, or PERFSPEC_UPDATE=1');
  });

  test('twice as slow still passes the default tolerance (separate processes differ by up to 1.84×, sub-µs work 2.56×)', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    endRun();
    const result = await toMatchPerfSnapshot.call(inTest(), () => (fake.spend(180_000), heap.allocate(1000), listUsersWithTeams.all()));
    expect(result.pass).toBe(true);
    endRun();
    expect((await toMatchPerfSnapshot.call(inTest(), () => (fake.spend(180_000), heap.allocate(1000), listUsersWithTeams.all()), { timeTolerance: 0.5 })).pass).toBe(false);
  });

  test('sub-microsecond work gets 1 µs of slack on top of the tolerance (processes differ by more than 2× there)', async () => {
    const tiny = (ns: number) => (): void => fake.spend(ns);
    await toMatchPerfSnapshot.call(inTest(), tiny(300));
    endRun();
    expect((await toMatchPerfSnapshot.call(inTest(), tiny(750))).pass).toBe(true);
    endRun();
    const over = await toMatchPerfSnapshot.call(inTest(), tiny(2000));
    expect(over.pass).toBe(false);
    expect(text(over)).toContain('median CPU time per call up to 1.60 µs');
  });

  test('a median within 5% of the limit is inconclusive, settled by the policy and marked with the reason', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    endRun();
    const near = await toMatchPerfSnapshot.call(inTest(), () => (fake.spend(196_000), heap.allocate(1000), listUsersWithTeams.all()));
    expect(near.pass).toBe(true);
    expect(near.inconclusive).toBe(
      "toMatchPerfSnapshot inconclusive: time: the estimate is within 5% of the snapshot's limit (2× its median + 1.00 µs); held on the point estimate (inconclusive policy 'warn'); " +
        'the median is near the limit: re-record the snapshot (-u) if the change is intended, or raise timeTolerance',
    );
    expect(text(near)).toContain('Verdict:  time inconclusive: the estimate is within 5% of the limit; decided by the point estimate');
  });

  test('an added N+1 fails with the diff of shapes', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    endRun();
    const result = await toMatchPerfSnapshot.call(inTest(), nPlusOne);
    expect(result.pass).toBe(false);
    const message = text(result);
    expect(message).toContain('Received: 51 queries per call where the snapshot has 1');
    expect(message).toContain(
      [
        'Query shapes that changed (per call):',
        '  +50 ×  SELECT name FROM s_teams WHERE id = ?                                  (0 → 50)',
        '   +1 ×  SELECT id, team_id FROM s_users                                        (0 → 1)',
        '   −1 ×  SELECT u.id, t.name FROM s_users u JOIN s_teams t ON t.id = u.team_id  (1 → 0)',
      ].join('\n'),
    );
    expect(message).toMatch(/ {2}queries +1 +51 +exactly +CHANGED/);
    expect(message).toContain('"SELECT name FROM s_teams WHERE id = ?" now runs 50 more times per call: likely an N+1');
  });

  test('a different fingerprint leaves time inconclusive, and the deterministic parts are still judged', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    endRun();
    const file = stored();
    const entry = file.entries['users > lists users 1'];
    if (entry === undefined) throw new Error('no entry');
    entry.fingerprint['cpuModel'] = 'Some Other CPU';
    entry.fingerprint['node'] = 'v0.0.1';
    writeFileSync(snapshotPath(), JSON.stringify(file));
    // 3× slower elsewhere: not a failure, an inconclusive time that says why.
    const slow = await toMatchPerfSnapshot.call(inTest(), slower);
    expect(slow.pass).toBe(true);
    expect(slow.inconclusive).toBe(
      'toMatchPerfSnapshot inconclusive: time was not compared: the snapshot was recorded in another environment (node: "v0.0.1" → ' +
        `"${process.version}"; cpuModel: "Some Other CPU" → ${JSON.stringify(environmentFingerprint().cpuModel)}); queries, requests and allocation matched; ` +
        "held on the point estimate (inconclusive policy 'warn'); record the snapshot on the machine that compares it (PERFSPEC_UPDATE=1 there), or keep one snapshot per environment",
    );
    expect(text(slow)).toContain('Verdict:  time not compared: recorded in another environment (node: "v0.0.1"');
    endRun();
    // The N+1 fails whatever the machine.
    const added = await toMatchPerfSnapshot.call(inTest(), nPlusOne);
    expect(added.pass).toBe(false);
    expect(added.inconclusive).toBeUndefined();
    // Under the policy 'fail', an uncompared time fails the assertion.
    configure({ inconclusive: 'fail' });
    endRun();
    await expect(toMatchPerfSnapshot.call(inTest(), current)).rejects.toThrow("toMatchPerfSnapshot was inconclusive, and the inconclusive policy is 'fail': time was not compared");
  });

  test('-u (the runner’s update flag) and PERFSPEC_UPDATE=1 overwrite the entry with the new figures', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    endRun();
    const updated = await toMatchPerfSnapshot.call(inTest('users > lists users', 'all'), nPlusOne);
    expect(updated.pass).toBe(true);
    expect(stored().entries['users > lists users 1']?.queries).toEqual([
      { shape: 'SELECT id, team_id FROM s_users', count: 1 },
      { shape: 'SELECT name FROM s_teams WHERE id = ?', count: 50 },
    ]);
    endRun('all');
    expect((await toMatchPerfSnapshot.call(inTest(), nPlusOne)).pass).toBe(true);
    endRun();
    process.env['PERFSPEC_UPDATE'] = '1';
    expect((await toMatchPerfSnapshot.call(inTest('users > lists users', 'none'), slower)).pass).toBe(true);
    expect(stored().entries['users > lists users 1']?.time.valueNs).toBe(300_000);
  });
});

describe('toMatchPerfSnapshot: writing rules', () => {
  test('whether to write: PERFSPEC_UPDATE or -u update all, CI (or the runner’s CI mode) none, else new entries only', () => {
    expect(snapshotUpdateMode({ _updateSnapshot: 'new' })).toBe('new');
    expect(snapshotUpdateMode({ _updateSnapshot: 'all' })).toBe('all');
    expect(snapshotUpdateMode({ _updateSnapshot: 'none' })).toBe('none');
    expect(snapshotUpdateMode(undefined)).toBe('new');
    process.env['CI'] = 'true';
    expect(snapshotUpdateMode({ _updateSnapshot: 'new' })).toBe('none');
    expect(snapshotUpdateMode(undefined)).toBe('none');
    expect(snapshotUpdateMode({ _updateSnapshot: 'all' })).toBe('all');
    process.env['CI'] = 'false';
    expect(snapshotUpdateMode({ _updateSnapshot: 'new' })).toBe('new');
    process.env['PERFSPEC_UPDATE'] = '1';
    expect(snapshotUpdateMode({ _updateSnapshot: 'none' })).toBe('all');
    process.env['PERFSPEC_UPDATE'] = '0';
    expect(snapshotUpdateMode({ _updateSnapshot: 'new' })).toBe('new');
  });

  test('in CI (CI set, or the runner’s --ci) a missing entry fails with a clear message and nothing is written', async () => {
    process.env['CI'] = 'true';
    const result = await toMatchPerfSnapshot.call(inTest(), current);
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(
      `toMatchPerfSnapshot: no perf snapshot "users > lists users 1" in ${snapshotPath()}, and snapshots are not written in CI.\n\n` +
        'Record it where the figures belong (locally, or on the CI machine with PERFSPEC_UPDATE=1 or the runner’s -u), and commit the file.',
    );
    endRun('none');
    delete process.env['CI'];
    expect((await toMatchPerfSnapshot.call(inTest('users > lists users', 'none'), current)).pass).toBe(false);
    endRun('none');
    expect(() => readFileSync(snapshotPath())).toThrow();
    // Asked explicitly, CI writes.
    process.env['CI'] = '1';
    expect((await toMatchPerfSnapshot.call(inTest('users > lists users', 'all'), current)).pass).toBe(true);
    expect(Object.keys(stored().entries)).toEqual(['users > lists users 1']);
  });

  test('entries no test asserted are obsolete: reported, kept for skipped or failed tests, removed with -u', async () => {
    await toMatchPerfSnapshot.call(inTest('a'), current);
    await toMatchPerfSnapshot.call(inTest('a'), current);
    await toMatchPerfSnapshot.call(inTest('b'), current);
    await toMatchPerfSnapshot.call(inTest('b c'), current);
    endRun();
    // Next run: test a asserts once, b was skipped, "b c" was deleted.
    await toMatchPerfSnapshot.call(inTest('a'), current);
    expect(endRun('new', ['b'])).toBe(`[perfspec] 2 obsolete perf snapshot entries in ${snapshotPath()} (no test asserted them in this run; remove with -u or PERFSPEC_UPDATE=1):\n  · a 2\n  · b c 1`);
    expect(Object.keys(stored().entries)).toEqual(['a 1', 'a 2', 'b 1', 'b c 1']);
    await toMatchPerfSnapshot.call(inTest('a', 'all'), current);
    expect(endRun('all', ['b'])).toBe(`[perfspec] removed 2 obsolete perf snapshot entries from ${snapshotPath()}`);
    expect(Object.keys(stored().entries)).toEqual(['a 1', 'b 1']);
    // A file whose every entry is obsolete is deleted on update.
    expect(endRun('all', [])).toBe(`[perfspec] removed 2 obsolete perf snapshot entries from ${snapshotPath()}`);
    expect(() => readFileSync(snapshotPath())).toThrow();
  });

  test('a retried test numbers its assertions from 1 again (the runner entries call startTest before every attempt)', async () => {
    await toMatchPerfSnapshot.call(inTest('r'), current);
    await toMatchPerfSnapshot.call(inTest('r'), current);
    perfSnapshotFile(testPath).startTest('r');
    const retried = await toMatchPerfSnapshot.call(inTest('r'), slower);
    // Compared with "r 1" (3× slower: fails), not recorded as a new "r 3".
    expect(retried.pass).toBe(false);
    expect(Object.keys(stored().entries)).toEqual(['r 1', 'r 2']);
  });

  test('allocation may grow within its tolerance (10% + 256 B by default), not beyond', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    endRun();
    const allocating = (bytes: number) => (): unknown => (fake.spend(100_000), heap.allocate(bytes), listUsersWithTeams.all());
    expect((await toMatchPerfSnapshot.call(inTest(), allocating(1356))).pass).toBe(true);
    endRun();
    const over = await toMatchPerfSnapshot.call(inTest(), allocating(1357));
    expect(over.pass).toBe(false);
    expect(text(over)).toContain('Received: 1.33 KiB allocated per call, over 1.32 KiB');
    endRun();
    expect((await toMatchPerfSnapshot.call(inTest(), allocating(1357), { allocationTolerance: 0.5 })).pass).toBe(true);
  });

  test('a sized workload is compared at the n it was recorded at', async () => {
    const workload = sized((n) => n, () => (fake.spend(20_000), heap.allocate(64)));
    await toMatchPerfSnapshot.call(inTest(), workload, 10);
    endRun();
    expect((await toMatchPerfSnapshot.call(inTest(), workload, { n: 10 })).pass).toBe(true);
    endRun();
    const other = await toMatchPerfSnapshot.call(inTest(), workload, 20);
    expect(other.pass).toBe(false);
    expect(other.message()).toContain('was recorded at n = 10, and this assertion measures n = 20');
  });

  test('for a coding agent, a failure ends with the JSON block naming the changed shapes', async () => {
    await toMatchPerfSnapshot.call(inTest(), current);
    endRun();
    process.env['PERFSPEC_OUTPUT'] = 'agent';
    try {
      const message = text(await toMatchPerfSnapshot.call(inTest(), nPlusOne));
      const match = /\n```json\n([\s\S]*)\n```\nThe budget is the specification: the fix belongs in the code, not in the budget\.$/.exec(message);
      expect(JSON.parse(match?.[1] ?? '{}')).toMatchObject({
        matcher: 'toMatchPerfSnapshot',
        verdict: 'fail',
        metric: 'queries per call',
        budget: { atMost: 1, unit: 'queries' },
        measured: { value: 51, unit: 'queries' },
        top: ['+50 × SELECT name FROM s_teams WHERE id = ?', '+1 × SELECT id, team_id FROM s_users', '−1 × SELECT u.id, t.name FROM s_users u JOIN s_teams t ON t.id = u.team_id'],
      });
    } finally {
      delete process.env['PERFSPEC_OUTPUT'];
    }
  });
});

describe('toMatchPerfSnapshot: usage errors', () => {
  test('refuses .not, unknown options, bad tolerances and use outside a test', async () => {
    await expect(toMatchPerfSnapshot.call({ ...inTest(), isNot: true }, current)).rejects.toThrow('toMatchPerfSnapshot: .not must be left out');
    await expect(toMatchPerfSnapshot.call(inTest(), current, { tolerance: 1 })).rejects.toThrow('unknown option "tolerance"');
    await expect(toMatchPerfSnapshot.call(inTest(), current, { timeTolerance: -1 })).rejects.toThrow('toMatchPerfSnapshot: options.timeTolerance must be');
    await expect(toMatchPerfSnapshot.call({}, current)).rejects.toThrow('toMatchPerfSnapshot: its context must be a running test of Vitest or Jest');
    await expect(toMatchPerfSnapshot.call(inTest(), 42)).rejects.toThrow('toMatchPerfSnapshot');
  });

  test('a function that throws fails with its own error, and nothing is recorded', async () => {
    const boom = new Error('boom');
    await expect(
      toMatchPerfSnapshot.call(inTest(), () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(() => readFileSync(snapshotPath())).toThrow();
  });

  test('a call that never settles is abandoned at maxTimeMs, with a message saying so', async () => {
    await expect(toMatchPerfSnapshot.call(inTest(), () => new Promise(() => undefined), { maxTimeMs: 50 })).rejects.toThrow(
      /^toMatchPerfSnapshot: the call had not settled after \d+ ms \(maxTimeMs 50\) and was abandoned; look for a promise that never settles, or raise maxTimeMs$/,
    );
  });
});
