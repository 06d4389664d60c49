import { describe, expect, it } from 'vitest';
import { sitesFromProfile } from '../../../src/engine/heap/profileAllocationSites.js';
import { profileNode as node } from '../../fixtures/profileNode.js';

const own = '/app/node_modules/perfspec/dist/esm/';
const isOwn = (file: string): boolean => file.startsWith(own);
const runner = 'file:///app/node_modules/vitest/dist/runner.js';

describe('sitesFromProfile', () => {
  it('attributes samples to the deepest user frame below perfspec, names the callee, and leaves the rest unattributed', () => {
    const profile = node('(root)@:0', 0, [
      node(`run@${runner}:10`, 0, [
        node('(anonymous)@file:///app/test/page.test.ts:5', 0, [
          node(`toAllocateAtMost@file://${own}matchers/toAllocateAtMost.js:30`, 0, [
            node(`sampleAllocation@file://${own}engine/sampleAllocation.js:20`, 232, [
              node('getHeapStatistics@node:v8:100', 160),
              node(`call@file://${own}engine/toWorkload.js:15`, 0, [
                node('render@file:///app/src/page.ts:12', 1000, [
                  node('map@:0', 8000, [node('(anonymous)@file:///app/src/page.ts:13', 32_000)]),
                  node('format@file:///app/node_modules/lib/index.js:3', 0, [node('join@:0', 2000)]),
                ]),
              ]),
            ]),
          ]),
        ]),
      ]),
    ]);
    const result = sitesFromProfile(profile, isOwn, '/app');
    expect(result.sites).toEqual([
      { functionName: '(anonymous)', file: 'src/page.ts', line: 13, bytes: 32_000 },
      { functionName: 'render', file: 'src/page.ts', line: 12, via: 'map', bytes: 8000 },
      { functionName: 'render', file: 'src/page.ts', line: 12, via: 'lib → format', bytes: 2000 },
      { functionName: 'render', file: 'src/page.ts', line: 12, bytes: 1000 },
    ]);
    // The measuring code's own allocations (232 + 160 B) are not the user's, though the test's frame is above them.
    expect(result.unattributedBytes).toBe(392);
  });

  it('credits a library function passed in directly, and in async continuations only the user files', () => {
    const profile = node('(root)@:0', 0, [
      node(`call@file://${own}engine/toWorkload.js:15`, 0, [node('stringify@file:///app/node_modules/fast-json/index.js:7', 500)]),
      node('resumed@file:///app/src/job.ts:40', 300, [node('slice@:0', 100)]),
      node(`tick@${runner}:99`, 700),
    ]);
    const result = sitesFromProfile(profile, isOwn, '/app');
    expect(result.sites).toEqual([
      { functionName: 'fast-json → stringify', file: 'node_modules/fast-json/index.js', line: 7, bytes: 500 },
      { functionName: 'resumed', file: 'src/job.ts', line: 40, bytes: 300 },
      { functionName: 'resumed', file: 'src/job.ts', line: 40, via: 'slice', bytes: 100 },
    ]);
    expect(result.unattributedBytes).toBe(700);
  });

  it('names the package of a dependency’s frames, scoped packages and pnpm layouts included', () => {
    const profile = node('(root)@:0', 0, [
      node(`call@file://${own}engine/toWorkload.js:15`, 0, [
        node('(anonymous)@file:///app/node_modules/.pnpm/marked@15.0.0/node_modules/marked/lib/marked.cjs:900', 400),
        node('parse@file:///app/src/doc.ts:3', 0, [node('(anonymous)@file:///app/node_modules/@scope/md/index.js:1', 200)]),
      ]),
    ]);
    expect(sitesFromProfile(profile, isOwn, '/app').sites).toEqual([
      { functionName: 'marked → (anonymous)', file: 'node_modules/.pnpm/marked@15.0.0/node_modules/marked/lib/marked.cjs', line: 900, bytes: 400 },
      { functionName: 'parse', file: 'src/doc.ts', line: 3, via: '@scope/md → (anonymous)', bytes: 200 },
    ]);
  });

  it('maps positions through the given source mapping and sums samples of one site', () => {
    const profile = node('(root)@:0', 0, [
      node(`call@file://${own}engine/toWorkload.js:15`, 0, [node('encode@file:///app/src/codec.ts:22', 64, [node('encode@file:///app/src/codec.ts:22', 0)])]),
      node(`call@file://${own}engine/toWorkload.js:15`, 0, [node('encode@file:///app/src/codec.ts:22', 36)]),
    ]);
    const result = sitesFromProfile(profile, isOwn, '/elsewhere', (file, line) => ({ file: file.replace('.ts', '.mts'), line: line - 2 }));
    expect(result.sites).toEqual([{ functionName: 'encode', file: '/app/src/codec.mts', line: 20, bytes: 100 }]);
  });
});
