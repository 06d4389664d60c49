import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Converts a call frame's URL (a `file:` URL or a plain path) to a file path; other URLs come back unchanged.
 *
 * @example
 * framePath('file:///app/src/a.ts'); // '/app/src/a.ts'
 */
export function framePath(url: string): string {
  if (url.startsWith('file:')) {
    try {
      return fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return url;
}

function thisFile(): string | undefined {
  // Neither import.meta (CJS build) nor __filename (ESM build) exists in both builds; a stack trace does.
  const line = new Error().stack?.split('\n').find((l) => l.includes('isOwnFile'));
  const match = line?.match(/\(?((?:file:\/\/)?[^()\s]*isOwnFile\.[cm]?[jt]s)/);
  return match?.[1] === undefined ? undefined : framePath(match[1]);
}

// This file is <package>/src/engine/heap/isOwnFile.ts or <package>/dist/{esm,cjs}/engine/heap/isOwnFile.js; a stack read
// under a runner that applies source maps names the first, a heap profile always the second, so both count.
const layerRoot = ((): string | undefined => {
  const file = thisFile();
  return file === undefined ? undefined : dirname(dirname(dirname(file)));
})();
const packageRoot = layerRoot === undefined ? undefined : layerRoot.endsWith(`${sep}src`) ? dirname(layerRoot) : dirname(dirname(layerRoot));
const ownDirs = packageRoot === undefined ? [] : [`${packageRoot}${sep}src${sep}`, `${packageRoot}${sep}dist${sep}`];

/**
 * Whether a file path (or `file:` URL) is one of perfspec's own modules, in its sources or its build, so that
 * call sites and allocation sites inside perfspec are never shown as the user's.
 *
 * @example
 * isOwnFile('/app/node_modules/perfspec/dist/esm/engine/heap/measureAllocation.js'); // true when perfspec is installed there
 */
export function isOwnFile(pathOrUrl: string): boolean {
  const file = framePath(pathOrUrl);
  return ownDirs.some((dir) => file.startsWith(dir));
}
