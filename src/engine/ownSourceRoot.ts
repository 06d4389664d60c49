import { dirname, sep } from 'node:path';
import { framePath } from './framePath.js';

function thisFile(): string | undefined {
  // Neither import.meta (CJS build) nor __filename (ESM build) exists in both builds; a stack trace does.
  const line = new Error().stack?.split('\n').find((l) => l.includes('ownSourceRoot'));
  const match = line?.match(/\(?((?:file:\/\/)?[^()\s]*ownSourceRoot\.[cm]?[jt]s)/);
  return match?.[1] === undefined ? undefined : framePath(match[1]);
}

const file = thisFile();

/**
 * The directory holding perfspec's own modules (`src/` in the repository, `dist/esm/` or `dist/cjs/` when
 * installed), with a trailing separator, so that allocation sites in perfspec itself can be left out.
 *
 * @example
 * framePath(frame.url).startsWith(ownSourceRoot); // a perfspec frame
 */
export const ownSourceRoot: string | undefined = file === undefined ? undefined : dirname(dirname(file)) + sep;
