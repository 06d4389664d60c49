import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layers, left to right; a file may import only from the layers to its right (see ARCHITECTURE.md):
// entries (src/*.ts) → session → matchers → report → queries → config → input → engine.
const layers = ['session', 'matchers', 'report', 'queries', 'config', 'input', 'engine'];
const entryFiles = ['index', 'vitest', 'jest', 'reporter', 'PerfMatchers', 'ReceiverCheck'];
const runnerModules = ['vitest', 'vitest/*', '@jest/globals', 'jest', 'expect', '@jest/*'];

const layerPatterns = (banned) => banned.map((layer) => `**/${layer}/**`);
const noEntries = { group: entryFiles.map((entry) => `**/${entry}.js`), message: 'Do not import an entry point from inside the library.' };
const noRunner = { group: runnerModules, message: 'Only the runner entries (src/vitest.ts, src/jest.ts) import a test runner.' };

/** One no-restricted-imports block; flat config replaces (does not merge) a rule's options, so each block is complete. */
const restrict = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns: [noRunner, noEntries, ...patterns] }] } });
const upward = (index) =>
  index === 0 ? [] : [{ group: layerPatterns(layers.slice(0, index)), message: `${layers[index]}/ imports only the layers to its right: ${layers.slice(index + 1).join(' → ')}.` }];
const engineUpward = upward(layers.indexOf('engine'));
const subjectRule = (message, group) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/queries/prisma/generated/**', 'test/packed/projects/**', 'test/packed/.work/**', 'bench/results/**', 'bench/corpus/node_modules/**', 'bench/corpus/.jest/**', 'bench/corpus/.vitest/**', '.node22/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS files (the packed adversarial set, the corpora of bench/) are loaded by Jest (CJS) and by ESM scripts.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layers.slice(0, -1).map((layer, index) => restrict([`src/${layer}/**/*.ts`], ...upward(index))),
  // Inside the engine, subject folders import stats/ and workload.ts; growth/ also measures with time/ and heap/,
  // and heap/ reads the clock of time/nativeClock.ts.
  restrict(['src/engine/workload.ts'], ...engineUpward, subjectRule('workload.ts imports only stats/.', ['**/time/**', '**/heap/**', '**/growth/**'])),
  restrict(['src/engine/stats/**/*.ts'], ...engineUpward, subjectRule('stats/ is pure: it imports no other engine folder.', ['**/time/**', '**/heap/**', '**/growth/**', '**/workload.js'])),
  restrict(['src/engine/time/**/*.ts'], ...engineUpward, subjectRule('time/ imports only stats/ and workload.ts.', ['**/heap/**', '**/growth/**'])),
  restrict(['src/engine/heap/**/*.ts'], ...engineUpward, subjectRule('heap/ imports only stats/, workload.ts and the clock (time/nativeClock.ts).', ['**/growth/**', '**/time/**', '!**/time/nativeClock.js'])),
  restrict(['src/engine/growth/**/*.ts'], ...engineUpward),
  restrict(['src/engine/blocking/**/*.ts'], ...engineUpward, subjectRule('blocking/ imports only stats/, workload.ts and heap/isOwnFile.ts (which frames are perfspec\'s own).', ['**/time/**', '**/growth/**', '**/heap/**', '!**/heap/isOwnFile.js'])),
  restrict(['src/engine/stack/**/*.ts'], ...engineUpward, subjectRule('stack/ imports only stats/, workload.ts, heap/isOwnFile.ts (which frames are perfspec\'s own) and the clock (time/nativeClock.ts).', ['**/time/**', '**/growth/**', '**/blocking/**', '**/heap/**', '!**/heap/isOwnFile.js', '!**/time/nativeClock.js'])),
);
