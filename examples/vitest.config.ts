import { defineConfig } from 'vitest/config';

// The examples import 'perfspec' exactly as a user's project would; inside this repository the name resolves to
// the built package through its own "exports" (run `npm run build` first; `npm run demo` does).
// PERFSPEC_EXAMPLES=failing selects the deliberately failing examples instead of the passing ones.
const failing = process.env['PERFSPEC_EXAMPLES'] === 'failing';

export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: failing ? ['failing/**/*.test.ts'] : ['**/*.test.ts'],
    exclude: failing ? [] : ['failing/**', 'support/**'],
    setupFiles: ['perfspec/vitest'],
    testTimeout: 30_000,
  },
});
