// Deliberately failing: pbkdf2Sync inside an async handler holds the event loop for tens of ms per request. The
// failure message is the point: it names pbkdf2Sync, the function and line that called it, and the async fix.
import { expect, test } from 'vitest';
import { registerUserBlocking } from '../support/passwords.js';

test('registering a user holds the event loop for at most 10 ms (pbkdf2Sync holds it far longer)', async () => {
  await expect(() => registerUserBlocking('correct horse battery staple')).toBlockEventLoopAtMost(10);
});
