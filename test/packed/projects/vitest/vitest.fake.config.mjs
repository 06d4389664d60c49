export default { test: { setupFiles: ['./fake.setup.mjs', 'perfspec/vitest'], include: ['fake.test.ts'] } };
