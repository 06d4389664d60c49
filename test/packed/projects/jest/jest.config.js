module.exports = { setupFilesAfterEnv: ['perfspec/jest'], testMatch: ['**/*.test.js'] };
