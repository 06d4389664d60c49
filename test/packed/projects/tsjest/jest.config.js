// The most common Jest + TypeScript setup: ts-jest with the project's tsconfig (module commonjs, node10 resolution).
module.exports = { preset: 'ts-jest', setupFilesAfterEnv: ['perfspec/jest'], testMatch: ['**/*.test.ts'] };
