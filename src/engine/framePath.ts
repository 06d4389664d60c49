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
