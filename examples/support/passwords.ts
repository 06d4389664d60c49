// Hashing a password inside an async request handler: the version code generators often write (pbkdf2Sync holds the
// event loop for every other request while it runs) and the fix (the same hash on libuv's thread pool).
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2 = promisify(crypto.pbkdf2);

export async function registerUserBlocking(password: string): Promise<string> {
  await Promise.resolve(); // e.g. a uniqueness check against the database
  return crypto.pbkdf2Sync(password, 'per-user salt', 200_000, 64, 'sha512').toString('hex');
}

export async function registerUser(password: string): Promise<string> {
  await Promise.resolve();
  return (await pbkdf2(password, 'per-user salt', 200_000, 64, 'sha512')).toString('hex');
}
