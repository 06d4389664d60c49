// The sync-in-async guard. examples/failing/blockingHash.test.ts shows the failure it catches.
import { expect, test } from 'vitest';
import { registerUser, registerUserBlocking } from './support/passwords.js';

test('registering a user never holds the event loop for more than 10 ms', async () => {
  await expect(() => registerUser('correct horse battery staple')).toBlockEventLoopAtMost(10);
  expect(await registerUser('pw')).toBe(await registerUserBlocking('pw'));
});
