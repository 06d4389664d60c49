// This file's own location, read off a stack at load (works in the ESM and CJS builds and under Vitest alike):
// frames below the folder above queries/ are perfspec's own.
const ownRoot = ((): string | undefined => {
  const frame = new Error().stack?.split('\n')[1];
  const path = frame === undefined ? undefined : locationOf(frame);
  const cut = path?.lastIndexOf('/queries/') ?? -1;
  return path !== undefined && cut > 0 ? path.slice(0, cut + 1) : undefined;
})();

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
    if (ownRoot !== undefined && location.startsWith(ownRoot)) continue;
    const cwd = `${process.cwd()}/`;
    return location.startsWith(cwd) ? location.slice(cwd.length) : location;
  }
  return undefined;
}
