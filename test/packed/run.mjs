// Packs perfspec as npm would publish it, installs the tarball into real Vitest 4, Vitest 5 (on Node 22), Jest 29
// and Jest 30 projects, type-checks each project's type tests (with negative cases), and runs each suite: the
// passing assertions must pass and the deliberately slow one must fail with perfspec's message layout.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'test/packed/.work');
const typescript = '5.9.3';
const matrix = [
  { name: 'vitest4', template: 'vitest', node: 'system', deps: { vitest: '^4.1.0', pg: '^8.11.0', '@types/node': '^20' } },
  { name: 'vitest5', template: 'vitest', node: '22', deps: { vitest: '^5.1.0', pg: '^8.11.0', '@types/node': '^22' } },
  // Node 24's own thread CPU clock and its mid-tier JIT both differ from Node 20's: the timing verdicts run there too.
  { name: 'vitest4-node24', template: 'vitest', node: '24', deps: { vitest: '^4.1.0', pg: '^8.11.0', '@types/node': '^24' } },
  { name: 'jest29', template: 'jest', node: 'system', deps: { jest: '^29.7.0', '@jest/globals': '^29.7.0', '@types/jest': '^29.5.0', pg: '^8.11.0', '@types/node': '^20' } },
  { name: 'jest30', template: 'jest', node: 'system', deps: { jest: '^30.0.0', '@jest/globals': '^30.0.0', '@types/jest': '^30.0.0', pg: '^8.11.0', '@types/node': '^20' } },
  // ts-jest with module commonjs / node10 resolution, which ignores package exports: the README's setup as written.
  { name: 'tsjest', template: 'tsjest', node: 'system', deps: { jest: '^30.0.0', 'ts-jest': '^29.4.0', '@types/jest': '^30.0.0', '@types/node': '^20' } },
];
const runnerOf = (project) => (project.template === 'vitest' ? 'vitest' : 'jest');
const args = process.argv.slice(2);
// --abuse-only: install and run just the adversarial set (npm run bench:abuse); by default the set runs in the
// projects marked abuse, inside the packed tier.
const abuseOnly = args.includes('--abuse-only');
const only = args.filter((arg) => !arg.startsWith('--'));
const selected = only.length > 0 ? matrix.filter((p) => only.includes(p.name)) : matrix;
const abuseProjects = new Set(['vitest4', 'jest30']);

function sh(command, args, cwd, extra = {}) {
  return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...extra });
}

/**
 * Runs a runner (or any node script) under a hard kill timer, so that a hang fails this script instead of stalling
 * CI, and reads the JSON results it wrote, if any.
 */
function runBounded(node, argv, dir, timeoutMs, resultsFile, env = { ...process.env }) {
  rmSync(join(dir, resultsFile ?? 'no-results'), { force: true });
  const started = Date.now();
  const run = spawnSync(node, argv, { cwd: dir, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  const killed = run.signal === 'SIGKILL' || run.error?.code === 'ETIMEDOUT';
  const results = resultsFile !== undefined && existsSync(join(dir, resultsFile)) ? JSON.parse(readFileSync(join(dir, resultsFile), 'utf8')) : undefined;
  return { status: run.status, killed, stdout: run.stdout ?? '', stderr: run.stderr ?? '', results, seconds: (Date.now() - started) / 1000 };
}

function runnerArgs(project, extra, resultsFile) {
  return project.template === 'vitest'
    ? ['node_modules/vitest/vitest.mjs', 'run', '--reporter=json', `--outputFile=${resultsFile}`, ...extra]
    : ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${resultsFile}`, ...extra];
}

const assertionsOf = (results) => (results?.testResults ?? []).flatMap((file) => file.assertionResults.map((a) => ({ ...a, fileMessage: file.message })));

/** The outcome of each adversarial case, from the runner's results. */
function tallyAbuse(run, expected) {
  const caseCount = expected.size;
  const tally = { cases: caseCount, clearErrors: 0, correctPasses: 0, hangs: 0, crashes: 0, silentPasses: 0, unclear: 0 };
  const problems = [];
  const knownOpen = [];
  const seen = assertionsOf(run.results);
  for (const a of seen) {
    const open = expected.get(a.title)?.knownOpen;
    const list = open === undefined ? problems : { push: (problem) => knownOpen.push(`${problem} — ${open}`) };
    const text = (a.failureMessages ?? []).join('\n');
    if (a.status === 'passed') {
      if (expected.get(a.title)?.expect === 'pass') tally.correctPasses++;
      else tally.clearErrors++;
    } else if (text.includes('[SILENT-PASS]')) {
      tally.silentPasses++;
      list.push(`silent pass: ${a.title}`);
    } else if (text.includes('[UNBOUNDED]') || /timed out|Exceeded timeout/i.test(text)) {
      tally.hangs++;
      list.push(`hang: ${a.title}: ${text.split('\n')[0]}`);
    } else {
      tally.unclear++;
      list.push(`unclear: ${a.title}: ${text.split('\n')[0]}`);
    }
  }
  const missing = caseCount - seen.length;
  if (missing > 0) {
    if (run.killed) tally.hangs += missing;
    else tally.crashes += missing;
    problems.push(`${missing} cases without a result (${run.killed ? 'killed by the outer timer' : `runner exited ${run.status}`})`);
  }
  return { tally, problems, knownOpen };
}

function log(text) {
  process.stdout.write(`[packed] ${text}\n`);
}

mkdirSync(work, { recursive: true });
for (const stale of ['perfspec-0.1.0.tgz']) rmSync(join(work, stale), { force: true });
const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], root));
const tarball = join(work, packed[0].filename);
log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${packed[0].size} bytes`);
// src/ ships so that the source and declaration maps in dist/ resolve (stack traces and go-to-definition).
for (const required of ['dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/jest.js', 'dist/cjs/package.json', 'src/index.ts', 'README.md']) {
  if (!packed[0].files.some((f) => f.path === required)) throw new Error(`the tarball lacks ${required}`);
}
if (packed[0].files.some((f) => f.path.startsWith('test/') || f.path.startsWith('bench/'))) throw new Error('the tarball ships tests or benchmarks');

// Node versions other than this one come from the npm packages node@22 / node@24, installed once into .work.
const nodeBinaries = new Map();
for (const version of new Set(selected.map((p) => p.node).filter((v) => v !== 'system'))) {
  const prefix = join(work, `node${version}`);
  if (!existsSync(join(prefix, 'node_modules/.bin/node'))) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
    sh('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `node@${version}`], prefix);
  }
  const binary = join(prefix, 'node_modules/.bin/node');
  nodeBinaries.set(version, binary);
  log(`Node ${version}: ${sh(binary, ['--version'], work).trim()}`);
}

const failures = [];
const abuseTallies = [];
for (const project of selected) {
  const dir = join(work, project.name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(root, 'test/packed/projects', project.template), dir, { recursive: true });
  const dependencies = { perfspec: `file:${tarball}`, typescript, ...project.deps };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `perfspec-packed-${project.name}`, private: true, type: project.template === 'vitest' ? 'module' : 'commonjs', dependencies }, null, 2)}\n`);
  const started = Date.now();
  sh('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], dir);
  const versions = Object.keys(project.deps).filter((d) => !d.startsWith('@types')).map((d) => `${d}@${JSON.parse(readFileSync(join(dir, 'node_modules', d, 'package.json'), 'utf8')).version}`);
  log(`${project.name}: installed ${versions.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  cpSync(join(root, 'test/packed/abuse/cases.cjs'), join(dir, 'abuse-cases.cjs'));
  cpSync(join(root, 'test/packed/abuse/outside.cjs'), join(dir, 'outside.cjs'));
  const node = nodeBinaries.get(project.node) ?? process.execPath;
  if (abuseOnly) {
    runAbuse(project, dir, node);
    continue;
  }

  if (project.name === 'vitest5') {
    // Vitest 5 declares its own toBeFasterThan (bench results) as a property of Assertion, which hides perfspec's
    // signature in its types: those type tests are left out there (the matcher still runs, in faster.test.ts).
    const config = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
    config.files = config.files.filter((file) => !['types-faster.ts', 'faster.test.ts'].includes(file));
    writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
  }
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { cwd: dir, encoding: 'utf8' });
  if (tsc.status !== 0) failures.push(`${project.name}: type tests failed:\n${tsc.stdout}${tsc.stderr}`);
  else log(`${project.name}: type tests pass (including the @ts-expect-error cases)`);

  const runner =
    runnerOf(project) === 'vitest'
      ? ['node_modules/vitest/vitest.mjs', 'run', '--reporter=json', '--reporter=default', '--outputFile.json=results.json']
      : ['node_modules/jest/bin/jest.js', '--json', '--outputFile=results.json'];
  const run = spawnSync(node, runner, { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  if (!existsSync(join(dir, 'results.json'))) {
    failures.push(`${project.name}: the runner wrote no results (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    continue;
  }
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  const byTitle = new Map(results.testResults.flatMap((file) => file.assertionResults.map((a) => [a.title, a])));
  const problems = [];
  const expectStatus = (title, status) => {
    const found = byTitle.get(title);
    if (!found) problems.push(`missing test "${title}"`);
    else if (found.status !== status) problems.push(`"${title}" ${found.status}, expected ${status}: ${(found.failureMessages ?? []).join('\n')}`);
    return found;
  };
  expectStatus('a fast function runs under its budget', 'passed');
  expectStatus('outgoing requests are counted', 'passed');
  expectStatus('allocation is measured per call', 'passed');
  expectStatus('growth is judged on exact operation counts', 'passed');
  expectStatus('recursion whose depth grows with n uses stack that grows with n', 'passed');
  if (project.template !== 'tsjest') {
    expectStatus('short functions are judged on a clock that resolves them', 'passed');
    expectStatus('a faster function is faster than its reference', 'passed');
    // PostgreSQL at PGHOST/PGPORT (default 127.0.0.1:5432, trust auth), reached through pg installed from the registry.
    expectStatus('rows returned by PostgreSQL are counted', 'passed');
    expectStatus('a sync call inside an async function blocks the event loop', 'passed');
  }
  if (project.template === 'vitest') expectStatus('a cheap call leaves a record for the run report', 'passed');
  if (project.template === 'jest') expectStatus('the matchers are on the expect of @jest/globals too', 'passed');
  if (runnerOf(project) === 'jest') expectStatus('allocation sites name the user code, never perfspec', 'passed');
  const slow = expectStatus('a slow function fails its budget', 'failed');
  const message = (slow?.failureMessages ?? []).join('\n');
  for (const line of ['toRunUnder(', 'Expected: median CPU time per call under 500 µs', 'Received: median CPU time per call', 'Measured:', 'Rerun:    {', 'Hint:']) {
    if (slow && !message.includes(line)) problems.push(`the failure message lacks "${line}":\n${message}`);
  }
  const output = `${run.stdout}${run.stderr}`;
  const forgotten = expectStatus('a forgotten await fails its own test', 'failed');
  const forgottenMessage = (forgotten?.failureMessages ?? []).join('\n');
  if (forgotten && !(forgottenMessage.includes('toRunUnder was not awaited') && forgottenMessage.includes('add `await`'))) {
    problems.push(`the forgotten await failed without saying to add await:\n${forgottenMessage}`);
  }
  if (/unhandled/i.test(output)) problems.push(`the run reported an unhandled error (the forgotten await must fail only its own test):\n${output}`);
  const marked = expectStatus('an inconclusive verdict is marked on its test', 'passed');
  const note = /toRunUnder inconclusive: .*held on the point estimate \(inconclusive policy 'warn'\)/;
  if (runnerOf(project) === 'vitest') {
    const notes = marked?.meta?.perfspecInconclusive ?? [];
    if (!(notes.length === 1 && note.test(notes[0]))) problems.push(`the inconclusive test carries no perfspec note in its meta: ${JSON.stringify(marked?.meta)}`);
    if (!/an inconclusive verdict is marked on its test\s*\n\[perfspec\] toRunUnder inconclusive: /.test(output)) problems.push(`the default reporter showed no perfspec line under the inconclusive test:\n${output}`);
  } else if (!new RegExp(`\\[perfspec\\] inconclusive in "an inconclusive verdict is marked on its test": ${note.source}`).test(output)) {
    problems.push(`Jest printed no marked line naming the inconclusive test:\n${output}`);
  }
  if (!/\[perfspec\] \d+ of \d+ perfspec assertions? in this file (was|were) inconclusive/.test(output)) problems.push(`no end-of-file summary of inconclusive assertions:\n${output}`);
  if (run.status === 0) problems.push('the runner exited 0 although a test failed');
  if (project.template === 'jest') {
    // The reporter collected the workers' records through its run directory.
    const reportFile = join(dir, 'perf/report.json');
    const records = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')).records : [];
    const matchers = new Set(records.map((r) => r.matcher));
    if (!matchers.has('toRunUnder') || !matchers.has('toBeFasterThan') || !records.every((r) => r.fingerprint?.runner === 'jest' && r.file.endsWith('.test.js'))) {
      problems.push(`perf/report.json lacks the Jest run's records: ${JSON.stringify(records).slice(0, 400)}`);
    } else if (!run.stdout.includes('performance assertions') && !run.stderr.includes('performance assertions')) {
      problems.push('the Jest run printed no perfspec table');
    } else log(`${project.name}: the reporter collected ${records.length} records from the workers`);
  }
  // One Vitest project runs the sharded merge: three more runs of the suite cost ~1 min a project.
  if (project.name === 'vitest4') {
    // Sharded run merged with --merge-reports: one report must hold the records of every shard.
    rmSync(join(dir, '.vitest-reports'), { recursive: true, force: true });
    rmSync(join(dir, 'perf'), { recursive: true, force: true });
    for (const shard of ['1/2', '2/2']) {
      spawnSync(node, ['node_modules/vitest/vitest.mjs', 'run', `--shard=${shard}`, '--reporter=blob', `--outputFile=.vitest-reports/blob-${shard.replace('/', '-')}.json`], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    }
    const merged = spawnSync(node, ['node_modules/vitest/vitest.mjs', '--merge-reports', '--config', 'vitest.merge.config.mjs'], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    const reportFile = join(dir, 'perf/report.json');
    if (!existsSync(reportFile)) {
      problems.push(`the merged run wrote no perf/report.json (exit ${merged.status}):\n${merged.stdout}${merged.stderr}`);
    } else {
      const { records } = JSON.parse(readFileSync(reportFile, 'utf8'));
      const files = new Set(records.map((r) => r.file.split('/').pop()));
      if (!files.has('perf.test.ts') || !files.has('report.test.ts')) problems.push(`the merged report lacks a shard's records: files ${[...files].join(', ')}`);
      if (!records.some((r) => r.matcher === 'toBeFasterThan') || !records.every((r) => r.fingerprint?.runner === 'vitest')) problems.push('the merged report lacks toBeFasterThan or a fingerprint');
      const bmf = JSON.parse(readFileSync(join(dir, 'perf/bmf.json'), 'utf8'));
      if (Object.keys(bmf).length !== records.length || !Object.values(bmf).every((m) => Object.values(m).every((v) => typeof v.value === 'number'))) problems.push('perf/bmf.json is not one BMF entry per record');
      const gab = JSON.parse(readFileSync(join(dir, 'perf/github-benchmark.json'), 'utf8'));
      if (!Array.isArray(gab) || gab.length !== records.length || !gab.every((e) => typeof e.name === 'string' && typeof e.unit === 'string' && Number.isFinite(e.value))) problems.push('perf/github-benchmark.json is not the custom format');
      if (!readFileSync(join(dir, 'perf/summary.md'), 'utf8').includes('| assertion | measured | budget | headroom | verdict |')) problems.push('perf/summary.md lacks its table');
      if (!merged.stdout.includes('performance assertions')) problems.push(`the merged run printed no perfspec table:\n${merged.stdout}`);
      if (problems.length === 0) log(`${project.name}: sharded run merged: ${records.length} records from ${files.size} files in every format`);
    }
  }
  if (project.template !== 'tsjest') problems.push(...snapshotRoundTrip(project, dir, node));
  // After the reporter checks: these runs use the same config and would overwrite its report.
  // The hardening runs and the adversarial set cost ~30 s a project: one Vitest and one Jest project keep the
  // packed tier within its CI budget.
  if (abuseProjects.has(project.name)) {
    problems.push(...hardening(project, dir, node));
    const abuse = runAbuse(project, dir, node);
    problems.push(...abuse.problems);
  }
  if (problems.length > 0) failures.push(`${project.name} (node ${project.node}):\n  ${problems.join('\n  ')}`);
  else log(`${project.name}: ${results.numPassedTests} passed, ${results.numFailedTests} failed as intended, message layout checked`);
}

/**
 * toMatchPerfSnapshot under the real runner, run after run: record, compare unchanged, an added N+1 (fails with the
 * shape diff), the runner's -u (updates), a renamed test (the old entries reported obsolete), and CI (a missing entry
 * fails, nothing is written). Each run under a hard kill timer.
 */
function snapshotRoundTrip(project, dir, node) {
  const problems = [];
  const isVitest = project.template === 'vitest';
  const folder = join(dir, '__perf_snapshots__');
  const file = join(folder, `snapshot.test.${isVitest ? 'ts' : 'js'}.perf.json`);
  const oldKeys = ['a perf snapshot is recorded, then matched 1', 'a perf snapshot is recorded, then matched 2'];
  rmSync(folder, { recursive: true, force: true });
  const run = (label, { update = false, env = {} } = {}) => {
    // Not in CI unless the step says so: Vitest and Jest would then refuse to write (Jest also reads --ci).
    const base = { ...process.env };
    for (const name of ['CI', 'GITHUB_ACTIONS', 'PERFSPEC_UPDATE', 'PERF_SNAPSHOT_N_PLUS_ONE', 'PERF_SNAPSHOT_RENAME']) delete base[name];
    const argv = isVitest
      ? ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.snapshot.config.mjs', '--reporter=default', '--reporter=json', '--outputFile.json=snapshot-results.json', ...(update ? ['-u'] : [])]
      : ['node_modules/jest/bin/jest.js', '--testMatch', '**/snapshot.test.js', '--json', '--outputFile=snapshot-results.json', ...(env.CI === undefined ? ['--ci=false'] : []), ...(update ? ['-u'] : [])];
    const result = runBounded(node, argv, dir, 180_000, 'snapshot-results.json', { ...base, ...env });
    const tests = assertionsOf(result.results);
    const failure = tests.flatMap((a) => a.failureMessages ?? []).join('\n');
    if (result.killed) problems.push(`perf snapshot, ${label}: the run hung and was killed after ${result.seconds.toFixed(0)} s`);
    return { ...result, tests, failure, output: `${result.stdout}${result.stderr}` };
  };
  const read = () => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  const keysOf = (text) => (text === undefined ? [] : Object.keys(JSON.parse(text).entries));

  const recorded = run('record');
  const first = read();
  if (recorded.status !== 0 || first === undefined || keysOf(first).join('|') !== oldKeys.join('|')) {
    problems.push(`perf snapshot, record: exit ${recorded.status}, entries ${JSON.stringify(keysOf(first))}:\n${recorded.failure || recorded.output.slice(-2000)}`);
    return problems;
  }
  const compared = run('compare');
  if (compared.status !== 0 || read() !== first) problems.push(`perf snapshot, unchanged rerun: exit ${compared.status}, file ${read() === first ? 'unchanged' : 'changed'}:\n${compared.failure || compared.output.slice(-2000)}`);
  const added = run('added N+1', { env: { PERF_SNAPSHOT_N_PLUS_ONE: '1' } });
  if (added.status === 0 || !added.failure.includes('Query shapes that changed (per call):') || !/\+5 ×\s+SELECT \S+ AS team_id\s+\(0 → 5\)/.test(added.failure) || read() !== first) {
    problems.push(`perf snapshot, added N+1: exit ${added.status}, expected a failure with "+5 × SELECT … AS team_id (0 → 5)" and the file unchanged:\n${added.failure || added.output.slice(-2000)}`);
  }
  const updated = run('-u', { update: true, env: { PERF_SNAPSHOT_N_PLUS_ONE: '1' } });
  const afterUpdate = read();
  const updatedQueries = afterUpdate === undefined ? [] : JSON.parse(afterUpdate).entries[oldKeys[1]]?.queries ?? [];
  if (updated.status !== 0 || !updatedQueries.some((q) => q.count === 5 && q.shape.includes('AS team_id'))) {
    problems.push(`perf snapshot, -u: exit ${updated.status}, queries ${JSON.stringify(updatedQueries)}:\n${updated.failure || updated.output.slice(-2000)}`);
  }
  const renamed = run('renamed test', { env: { PERF_SNAPSHOT_N_PLUS_ONE: '1', PERF_SNAPSHOT_RENAME: '1' } });
  if (renamed.status !== 0 || !renamed.output.includes('[perfspec] 2 obsolete perf snapshot entries in') || !oldKeys.every((key) => renamed.output.includes(`· ${key}`))) {
    problems.push(`perf snapshot, renamed test: exit ${renamed.status}, expected the old entries reported obsolete:\n${renamed.output.slice(-2000)}`);
  }
  rmSync(folder, { recursive: true, force: true });
  const ci = run('CI', { env: { CI: 'true' } });
  if (ci.status === 0 || !ci.failure.includes('snapshots are not written in CI') || existsSync(file)) {
    problems.push(`perf snapshot, CI: exit ${ci.status}, file ${existsSync(file) ? 'written' : 'not written'}:\n${ci.failure || ci.output.slice(-2000)}`);
  }
  if (problems.length === 0) log(`${project.name}: perf snapshot round trip: record, unchanged rerun, added N+1 (shape diff), -u, obsolete entries, CI (${[recorded, compared, added, updated, renamed, ci].map((r) => r.seconds.toFixed(0)).join('+')} s)`);
  return problems;
}

/** Regression runs of issue 10 that need a runner configured a particular way, each under a hard kill timer. */
function hardening(project, dir, node) {
  const problems = [];
  // Fake timers installed before perfspec loads (Vitest: a setup file listed first; Jest: enableGlobally).
  const fakeConfig = project.template === 'vitest' ? ['--config', 'vitest.fake.config.mjs'] : ['--config', 'jest.fake.config.js'];
  const fake = runBounded(node, runnerArgs(project, fakeConfig, 'fake-results.json'), dir, 120_000, 'fake-results.json');
  const fakeFailed = assertionsOf(fake.results).filter((a) => a.status !== 'passed');
  if (fake.killed) problems.push(`fake timers installed first: the run hung and was killed after ${fake.seconds.toFixed(0)} s`);
  else if (fake.results === undefined) problems.push(`fake timers installed first: no results (exit ${fake.status}):\n${fake.stdout}${fake.stderr}`);
  else if (fakeFailed.length > 0 || assertionsOf(fake.results).length === 0) problems.push(`fake timers installed first:\n${fakeFailed.map((a) => `${a.title}: ${(a.failureMessages ?? []).join('\n')}`).join('\n')}`);
  else log(`${project.name}: fake timers installed before perfspec: ${assertionsOf(fake.results).length} cases bounded and clear (${fake.seconds.toFixed(1)} s)`);
  // Jest keeps nothing of a test file reachable from perfspec's process-wide hooks.
  if (project.template === 'jest') {
    const leaks = runBounded(node, runnerArgs(project, ['--detectLeaks', '--testMatch', '**/leaks*.test.js'], 'leak-results.json'), dir, 120_000, 'leak-results.json');
    if (leaks.status !== 0 || leaks.results?.numFailedTestSuites !== 0) problems.push(`jest --detectLeaks flags a file using the query matchers (exit ${leaks.status}):\n${leaks.stderr.slice(-2000)}`);
    else log(`${project.name}: jest --detectLeaks finds no leak in ${leaks.results.numTotalTestSuites} files using the query matchers`);
  }
  // Outside a runner a measurement of a never-settling call fails the script.
  const outside = runBounded(node, ['outside.cjs'], dir, 30_000);
  if (outside.killed) problems.push('outside a runner: measureTime on a never-settling call hung');
  else if (outside.status === 0 || !outside.stderr.includes('did not settle')) problems.push(`outside a runner: measureTime on a never-settling call exited ${outside.status}:\n${outside.stdout}${outside.stderr}`);
  else log(`${project.name}: outside a runner, a never-settling measureTime fails the script with "did not settle"`);
  return problems;
}

/** Runs the adversarial set in one project and prints its tally. */
function runAbuse(project, dir, node) {
  const include = project.template === 'vitest' ? ['--config', 'vitest.abuse.config.mjs'] : ['--testMatch', '**/abuse.test.js'];
  const expected = abuseCases(dir);
  const run = runBounded(node, runnerArgs(project, include, 'abuse-results.json'), dir, 600_000, 'abuse-results.json');
  const { tally, problems, knownOpen } = tallyAbuse(run, expected);
  abuseTallies.push({ project: project.name, node: project.node === 'system' ? process.version : project.node, ...tally, seconds: run.seconds });
  log(`${project.name}: adversarial set: ${tally.cases} cases, ${tally.clearErrors} clear errors, ${tally.correctPasses} correct passes, ${tally.hangs} hangs, ${tally.crashes} crashes, ${tally.silentPasses} silent passes, ${tally.unclear} unclear (${run.seconds.toFixed(1)} s)`);
  for (const problem of problems) log(`  ${problem}`);
  for (const problem of knownOpen) log(`  known open, not failing the packed tier: ${problem}`);
  return { tally, problems: problems.map((problem) => `adversarial set: ${problem}`) };
}

/** The adversarial cases by name, with what each must do ('error' or 'pass'). */
function abuseCases(dir) {
  const script = "const p=require('perfspec');console.log(JSON.stringify(require('./abuse-cases.cjs').cases(p).map((c)=>[c.name,{expect:c.expect,knownOpen:c.knownOpen}])))";
  const probe = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
  return new Map(JSON.parse(probe.stdout));
}

if (abuseTallies.length > 0) {
  mkdirSync(join(root, 'test/.results'), { recursive: true });
  writeFileSync(join(root, 'test/.results/abuse.json'), `${JSON.stringify({ load: loadavg(), tallies: abuseTallies }, null, 2)}\n`);
}
if (abuseOnly) {
  const bad = abuseTallies.some((t) => t.hangs + t.crashes + t.silentPasses + t.unclear > 0);
  process.exit(bad ? 1 : 0);
}

mkdirSync(join(root, 'test/.results'), { recursive: true });
const failedProjects = selected.filter((p) => failures.some((f) => f.startsWith(p.name))).length;
writeFileSync(join(root, 'test/.results/packed.json'), `${JSON.stringify({ passed: selected.length - failedProjects, failed: failedProjects })}\n`);
if (failures.length > 0) {
  process.stderr.write(`\n${failures.join('\n\n')}\n`);
  process.exit(1);
}
log(`all ${selected.length} runner projects pass`);
