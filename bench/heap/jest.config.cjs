// The common ts-jest setup the issue names: module commonjs. Workers hold a few hundred MB of heap there.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/heap.bench.ts'],
  // No type check: the matcher types come from perfspec's entry, which the benchmark does not import.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/../../dist/cjs/jest.js'],
  testTimeout: 3_600_000,
};
