import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The three layers never import upward: engine ← matchers/report/config/queries ← runner entries.
const runnerModules = ['vitest', 'vitest/*', '@jest/globals', 'jest', 'expect', '@jest/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/queries/prisma/generated/**', 'test/packed/projects/**', 'test/packed/.work/**', 'bench/results/**', '.node22/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bench/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', exports: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', ...runnerModules], message: 'The engine imports nothing from the layers above it and no test runner.' }] }],
    },
  },
  {
    files: ['src/matchers/**/*.ts', 'src/report/**/*.ts', 'src/config/**/*.ts', 'src/queries/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: runnerModules, message: 'Only the runner entries (src/vitest.ts, src/jest.ts) import a test runner.' }, { group: ['../vitest.js', '../jest.js', '../index.js'], message: 'Do not import an entry point from inside the library.' }] }],
    },
  },
);
