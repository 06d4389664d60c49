import { isOwnFile } from '../engine/heap/isOwnFile.js';

function locationOf(frame: string): string | undefined {
  const match = /\(([^()]+)\)\s*$/.exec(frame) ?? /at (?:async )?(\S+)\s*$/.exec(frame);
  return match?.[1]?.replace(/^file:\/\//, '');
}

/**
 * The first frame of a captured stack that belongs to the caller's code, skipping Node internals, anything under
 * node_modules (drivers, ORMs, the test runner) and perfspec itself; written as `path:line:column`, relative to the
 * working directory when inside it.
 *
 * @example
 * userCallSite(query.stack); // 'test/users.test.ts:42:17'
 */
export function userCallSite(holder: { stack?: string } | undefined): string | undefined {
  const lines = holder?.stack?.split('\n').slice(1) ?? [];
  for (const line of lines) {
    const location = locationOf(line.trim());
    if (location === undefined || !location.includes('/')) continue;
    if (location.startsWith('node:') || location.includes('/node_modules/')) continue;
    if (isOwnFile(location)) continue;
    const cwd = `${process.cwd()}/`;
    return location.startsWith(cwd) ? location.slice(cwd.length) : location;
  }
  return undefined;
}
