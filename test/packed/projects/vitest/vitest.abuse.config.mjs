export default { test: { setupFiles: ['perfspec/vitest'], include: ['abuse.test.ts'] } };
