module.exports = { setupFilesAfterEnv: ['perfspec/jest'], testMatch: ['**/fake.test.js'], fakeTimers: { enableGlobally: true } };
