import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/packed/**', 'node_modules/**'],
    setupFiles: ['./src/vitest.ts'],
    testTimeout: 30_000,
  },
});
