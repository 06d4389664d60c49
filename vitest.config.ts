import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/packed/**', 'node_modules/**'],
    setupFiles: ['./src/vitest.ts'],
    testTimeout: 30_000,
    // Messages are asserted as people see them: an agent's environment must not add the agent block to them.
    env: { AI_AGENT: '', PERFSPEC_OUTPUT: '' },
  },
});
