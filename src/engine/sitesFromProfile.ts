import { relative, sep } from 'node:path';
import type { AllocationSite } from './AllocationSite.js';
import { framePath } from './framePath.js';
import type { HeapProfileNode } from './HeapProfileNode.js';

type Frame = HeapProfileNode['callFrame'];

/**
 * Groups a sampling heap profile into allocation sites of user code, largest first. A sample is attributed to
 * the deepest frame of the user's own code below the last frame of perfspec (as `isOwn` tells), so that the measuring
 * code and the test runner above it never appear; frames of node internals and builtins become `via`.
 * Samples with no such frame (perfspec's or Node's own work) are counted in `unattributedBytes`.
 *
 * @param root - the profile's root node.
 * @param isOwn - whether a file path is one of perfspec's own modules.
 * @param cwd - directory that file paths are shown relative to.
 * @param position - maps a 1-based position in running code to the original source (default: unchanged).
 * @example
 * const { sites } = sitesFromProfile(profile, isOwnFile, process.cwd(), sourcePosition);
 */
export function sitesFromProfile(
  root: HeapProfileNode,
  isOwn: (file: string) => boolean,
  cwd: string,
  position: (file: string, line: number, column: number) => { file: string; line: number } = (file, line) => ({ file, line }),
): { sites: AllocationSite[]; unattributedBytes: number } {
  const byKey = new Map<string, AllocationSite>();
  let unattributedBytes = 0;
  const path: Frame[] = [];
  const visit = (node: HeapProfileNode): void => {
    path.push(node.callFrame);
    if (node.selfSize > 0) {
      const site = siteOf(path, isOwn, cwd, position);
      if (site === undefined) unattributedBytes += node.selfSize;
      else {
        const key = `${site.functionName}\0${site.file}\0${site.line}\0${site.via ?? ''}`;
        const existing = byKey.get(key);
        if (existing === undefined) byKey.set(key, { ...site, bytes: node.selfSize });
        else existing.bytes += node.selfSize;
      }
    }
    for (const child of node.children) visit(child);
    path.pop();
  };
  visit(root);
  return { sites: [...byKey.values()].sort((a, b) => b.bytes - a.bytes), unattributedBytes };
}

function siteOf(
  path: readonly Frame[],
  isOwn: (file: string) => boolean,
  cwd: string,
  position: (file: string, line: number, column: number) => { file: string; line: number },
): Omit<AllocationSite, 'bytes'> | undefined {
  const kinds = path.map((frame) => kindOf(frame, isOwn));
  const lastOwn = kinds.lastIndexOf('own');
  const below = (kind: string): number => {
    for (let i = kinds.length - 1; i > lastOwn; i--) if (kinds[i] === kind) return i;
    return -1;
  };
  // Below perfspec's frames, a library frame is the user's code only if the user passed it in directly; with
  // no perfspec frame at all (an async continuation) only the user's own files count.
  let index = below('app');
  if (index < 0 && lastOwn >= 0) index = below('library');
  const frame = path[index];
  if (frame === undefined) return undefined;
  // The function the user's code called (a builtin such as map, or a library's API), not the innermost helper.
  const callee = path[index + 1];
  const original = position(framePath(frame.url), frame.lineNumber + 1, frame.columnNumber + 1);
  const site: Omit<AllocationSite, 'bytes'> = {
    functionName: nameOf(frame, isOwn),
    file: displayPath(original.file, cwd),
    line: original.line,
  };
  if (callee !== undefined) site.via = nameOf(callee, isOwn);
  return site;
}

/** A function's name, prefixed with its package when it lives in a dependency: `marked → (anonymous)`. */
function nameOf(frame: Frame, isOwn: (file: string) => boolean): string {
  const name = frame.functionName || '(anonymous)';
  if (kindOf(frame, isOwn) !== 'library') return name;
  const inside = framePath(frame.url).split(/[\\/]node_modules[\\/]/).pop() ?? '';
  const parts = inside.split(/[\\/]/);
  const pkg = parts[0]?.startsWith('@') === true ? `${parts[0]}/${parts[1] ?? ''}` : parts[0];
  return pkg === undefined || pkg === '' ? name : `${pkg} → ${name}`;
}

function kindOf(frame: Frame, isOwn: (file: string) => boolean): 'own' | 'app' | 'library' | 'internal' {
  const { url } = frame;
  if (url === '' || url.startsWith('node:') || !/^(file:|\/|[A-Za-z]:\\)/.test(url)) return 'internal';
  const file = framePath(url);
  if (isOwn(file)) return 'own';
  return file.includes(`${sep}node_modules${sep}`) ? 'library' : 'app';
}

function displayPath(url: string, cwd: string): string {
  const file = framePath(url);
  const inside = relative(cwd, file);
  return inside !== '' && !inside.startsWith('..') && !inside.startsWith(sep) ? inside.split(sep).join('/') : file;
}
