import { isOwnFile } from '../engine/heap/isOwnFile.js';

/** A helper called in a loop shows itself, its caller and the loop: three frames say where a repeat comes from. */
const shownFrames = 3;

function locationOf(frame: string): string | undefined {
  const match = /\(([^()]+)\)\s*$/.exec(frame) ?? /at (?:async )?(\S+)\s*$/.exec(frame);
  return match?.[1]?.replace(/^file:\/\//, '');
}

/**
 * The frames of a captured stack that belong to the caller's code, skipping Node internals, anything under
 * node_modules (drivers, ORMs, the test runner) and perfspec itself: the first as `path:line:column` (relative to
 * the working directory when inside it), then up to two callers after ` ← `, written `line:column` when in the same
 * file, one frame per line — so that a helper called in a loop shows the loop too.
 *
 * @example
 * userCallSite(query.stack); // 'test/users.test.ts:12:17 ← 30:11'
 */
export function userCallSite(holder: { stack?: string } | undefined): string | undefined {
  const lines = holder?.stack?.split('\n').slice(1) ?? [];
  const cwd = `${process.cwd()}/`;
  const frames: string[] = [];
  for (const line of lines) {
    const location = locationOf(line.trim());
    if (location === undefined || !location.includes('/')) continue;
    if (location.startsWith('node:') || location.includes('/node_modules/')) continue;
    if (isOwnFile(location)) continue;
    const shown = location.startsWith(cwd) ? location.slice(cwd.length) : location;
    // Frames on one line (a callback and the call that runs it) say nothing more than the line itself.
    const lineOf = (frame: string | undefined): string | undefined => frame?.replace(/:\d+$/, '');
    if (!frames.some((frame) => lineOf(frame) === lineOf(shown))) frames.push(shown);
    if (frames.length === shownFrames) break;
  }
  const [first, ...callers] = frames;
  if (first === undefined) return undefined;
  const fileOf = (frame: string): string => frame.replace(/:\d+:\d+$/, '');
  const file = fileOf(first);
  return [first, ...callers.map((frame) => (fileOf(frame) === file ? frame.slice(file.length + 1) : frame))].join(' ← ');
}
