// `npm run demo`: builds perfspec, runs the example suites that pass, then the deliberately failing examples so
// that their failure messages can be read. Exits 0 when everything behaved as intended.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const vitest = ['node_modules/vitest/vitest.mjs', 'run', '--config', 'examples/vitest.config.ts'];
const run = (args, env = {}) => spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status;

if (run(['scripts/build.mjs']) !== 0) process.exit(1);
console.log('\n=== Example suites that pass ===\n');
if (run(vitest) !== 0) {
  console.error('\nThe passing examples failed: see above.');
  process.exit(1);
}
console.log('\n=== Deliberately failing examples: read the messages below ===\n');
const results = join(mkdtempSync(join(tmpdir(), 'perfspec-demo-')), 'failing.json');
run([...vitest, '--reporter=default', '--reporter=json', `--outputFile.json=${results}`], { PERFSPEC_EXAMPLES: 'failing' });
const { numTotalTests, numFailedTests } = JSON.parse(readFileSync(results, 'utf8'));
if (numTotalTests === 0 || numFailedTests !== numTotalTests) {
  console.error(`\nExpected every failing example to fail: ${numFailedTests} of ${numTotalTests} did.`);
  process.exit(1);
}
console.log(`\nDemo done: the ${numFailedTests} failure(s) above are intended; each message says what was measured and what to do next.`);
