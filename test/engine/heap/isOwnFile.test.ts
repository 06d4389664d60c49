import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { isOwnFile } from '../../../src/engine/heap/isOwnFile.js';

const root = resolve(import.meta.dirname, '../../..');

test('perfspec’s sources and builds are its own, the user’s files are not', () => {
  expect(isOwnFile(`${root}/src/engine/sampleAllocation.ts`)).toBe(true);
  expect(isOwnFile(`${root}/dist/esm/engine/sampleAllocation.js`)).toBe(true);
  expect(isOwnFile(pathToFileURL(`${root}/dist/cjs/queries/measureQueries.js`).href)).toBe(true);
  expect(isOwnFile(`${root}/test/engine/isOwnFile.test.ts`)).toBe(false);
  expect(isOwnFile(`${root}/examples/support/orders.ts`)).toBe(false);
  expect(isOwnFile('node:internal/timers')).toBe(false);
});

test('the installed package is perfspec’s own wherever it is installed, also when a transform hides this module', () => {
  expect(isOwnFile('/work/app/node_modules/perfspec/dist/cjs/matchers/toRetainAtMost.js')).toBe(true);
  expect(isOwnFile('/work/app/node_modules/.pnpm/perfspec@0.1.0/node_modules/perfspec/dist/esm/engine/measureRetention.js')).toBe(true);
  expect(isOwnFile(pathToFileURL('/work/app/node_modules/perfspec/src/engine/sampleAllocation.ts').href)).toBe(true);
  expect(isOwnFile('C:\\app\\node_modules\\perfspec\\dist\\cjs\\engine\\measureRetention.js')).toBe(true);
  expect(isOwnFile('/work/app/node_modules/perfspec-plugin/dist/index.js')).toBe(false);
  expect(isOwnFile('/work/app/node_modules/marked/lib/marked.cjs')).toBe(false);
});
