// Last step of `npm test`: one closing line with the counts of the unit tests and the packed-runner projects,
// in the plain form CI systems read ("N passed, N failed").
import { existsSync, readFileSync } from 'node:fs';

const unitFile = 'test/.results/unit.json';
const packedFile = 'test/.results/packed.json';
if (!existsSync(unitFile) || !existsSync(packedFile)) {
  console.error('summary: missing test results; run `npm test`');
  process.exit(1);
}
const unit = JSON.parse(readFileSync(unitFile, 'utf8'));
const packed = JSON.parse(readFileSync(packedFile, 'utf8'));
const passed = unit.numPassedTests + packed.passed;
const failed = unit.numFailedTests + packed.failed;
console.log(`unit tests: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed; packed runner projects: ${packed.passed} passed, ${packed.failed} failed`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
