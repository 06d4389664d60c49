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
