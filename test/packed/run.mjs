// Packs perfspec as npm would publish it, installs the tarball into real Vitest 4, Vitest 5 (on Node 22), Jest 29
// and Jest 30 projects, type-checks each project's type tests (with negative cases), and runs each suite: the
// passing assertions must pass and the deliberately slow one must fail with perfspec's message layout.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
];
const only = process.argv.slice(2);
const selected = only.length > 0 ? matrix.filter((p) => only.includes(p.name)) : matrix;

function sh(command, args, cwd, extra = {}) {
  return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...extra });
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

  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { cwd: dir, encoding: 'utf8' });
  if (tsc.status !== 0) failures.push(`${project.name}: type tests failed:\n${tsc.stdout}${tsc.stderr}`);
  else log(`${project.name}: type tests pass (including the @ts-expect-error cases)`);

  const node = nodeBinaries.get(project.node) ?? process.execPath;
  const runner =
    project.template === 'vitest'
      ? ['node_modules/vitest/vitest.mjs', 'run', '--reporter=json', '--outputFile=results.json']
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
  expectStatus('short functions are judged on a clock that resolves them', 'passed');
  // PostgreSQL at PGHOST/PGPORT (default 127.0.0.1:5432, trust auth), reached through pg installed from the registry.
  expectStatus('rows returned by PostgreSQL are counted', 'passed');
  expectStatus('a sync call inside an async function blocks the event loop', 'passed');
  if (project.template === 'jest') expectStatus('the matchers are on the expect of @jest/globals too', 'passed');
  const slow = expectStatus('a slow function fails its budget', 'failed');
  const message = (slow?.failureMessages ?? []).join('\n');
  for (const line of ['toRunUnder(', 'Expected: median CPU time per call under 500 µs', 'Received: median CPU time per call', 'Measured:', 'Rerun:    {', 'Hint:']) {
    if (slow && !message.includes(line)) problems.push(`the failure message lacks "${line}":\n${message}`);
  }
  if (run.status === 0) problems.push('the runner exited 0 although a test failed');
  if (problems.length > 0) failures.push(`${project.name} (node ${project.node}):\n  ${problems.join('\n  ')}`);
  else log(`${project.name}: ${results.numPassedTests} passed, ${results.numFailedTests} failed as intended, message layout checked`);
}

mkdirSync(join(root, 'test/.results'), { recursive: true });
const failedProjects = selected.filter((p) => failures.some((f) => f.startsWith(p.name))).length;
writeFileSync(join(root, 'test/.results/packed.json'), `${JSON.stringify({ passed: selected.length - failedProjects, failed: failedProjects })}\n`);
if (failures.length > 0) {
  process.stderr.write(`\n${failures.join('\n\n')}\n`);
  process.exit(1);
}
log(`all ${selected.length} runner projects pass`);
