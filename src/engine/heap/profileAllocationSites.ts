import { relative, sep } from 'node:path';
import type { Clock } from '../time/nativeClock.js';
import { isThenable, settleWithin, toWorkload } from '../workload.js';
import type { SizedWorkload } from '../workload.js';
import { exclusiveHeap } from './exclusiveHeap.js';
import { framePath, isOwnFile } from './isOwnFile.js';
import type { HeapProfileNode, HeapProbe } from './nativeHeapProbe.js';

/**
 * Where allocated bytes came from: the user's function that allocated them (directly, or through the builtin or
 * library function named in `via`), and how many bytes the sampling heap profiler attributed to it.
 *
 * @example
 * const { sites: [top] } = await profileAllocationSites(() => chain(rows), probe, { expectedBytes: 80_000 });
 * console.log(`${top.functionName} ${top.file}:${top.line} ${top.bytes} B`);
 */
export interface AllocationSite {
  /** Name of the user's function, `(anonymous)` when it has none. */
  functionName: string;
  /** Path of its file (relative to the working directory when inside it), or the frame's URL. */
  file: string;
  /** 1-based line where the function starts (V8 attributes samples to functions, not to lines). */
  line: number;
  /** The builtin or library function that made the allocation on the user's behalf, e.g. `map`. */
  via?: string;
  /** Bytes attributed to this site, scaled from the samples. */
  bytes: number;
}

/**
 * The allocation sites of one profiled call (or block of calls), with what could not be attributed. Bytes.
 *
 * @example
 * const { sites, partial } = await profileAllocationSites(() => chain(rows), probe, { expectedBytes: 64_000 });
 */
export interface SiteProfile {
  /** Sites of the user's code, largest first. */
  sites: AllocationSite[];
  /** Bytes sampled in perfspec's and Node's own code. */
  unattributedBytes: number;
  /** Mean sampling interval used, in bytes (smaller is more exact and slower). */
  intervalBytes: number;
  /** True when the call was async: allocations after an `await` may be missing or mixed with other work. */
  partial: boolean;
}

/**
 * Maps a generated position to the original source through whatever source-map support the test runner has
 * installed as `Error.prepareStackTrace` (Vitest does, Jest does for transformed files): a synthetic call site
 * is formatted by it and the position read back. Positions are 1-based; without support they come back as given.
 *
 * @param file - the file path of the running (possibly transformed) code.
 * @param line - 1-based line in the running code.
 * @param column - 1-based column in the running code.
 * @example
 * sourcePosition('/app/test/a.test.ts', 8, 1); // { file: '/app/test/a.test.ts', line: 6 } under Vitest
 */
export function sourcePosition(file: string, line: number, column: number): { file: string; line: number } {
  const prepare = Error.prepareStackTrace;
  if (typeof prepare !== 'function') return { file, line };
  const site = new SyntheticCallSite(file, line, column);
  try {
    const text = String(prepare(new Error(''), [site as unknown as NodeJS.CallSite]));
    const match = /\(?([^\s()]+):(\d+):(\d+)\)?\s*$/.exec(text.trim());
    if (match?.[1] === undefined || match[2] === undefined) return { file, line };
    return { file: match[1], line: Number(match[2]) };
  } catch {
    return { file, line };
  }
}

// Source-map support copies a call site's methods from its prototype, so they must live on one.
class SyntheticCallSite {
  constructor(
    private readonly file: string,
    private readonly line: number,
    private readonly column: number,
  ) {}
  getFileName(): string {
    return this.file;
  }
  getScriptNameOrSourceURL(): string {
    return this.file;
  }
  getLineNumber(): number {
    return this.line;
  }
  getColumnNumber(): number {
    return this.column;
  }
  getEnclosingLineNumber(): number {
    return this.line;
  }
  getEnclosingColumnNumber(): number {
    return this.column;
  }
  getFunctionName(): string {
    return 'f';
  }
  getMethodName(): null {
    return null;
  }
  getTypeName(): null {
    return null;
  }
  getThis(): undefined {
    return undefined;
  }
  getFunction(): undefined {
    return undefined;
  }
  getEvalOrigin(): undefined {
    return undefined;
  }
  getScriptHash(): string {
    return '';
  }
  getPosition(): number {
    return 0;
  }
  getPromiseIndex(): null {
    return null;
  }
  isNative(): boolean {
    return false;
  }
  isEval(): boolean {
    return false;
  }
  isToplevel(): boolean {
    return false;
  }
  isConstructor(): boolean {
    return false;
  }
  isAsync(): boolean {
    return false;
  }
  isPromiseAll(): boolean {
    return false;
  }
  toString(): string {
    return `f (${this.file}:${this.line}:${this.column})`;
  }
}

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

/**
 * Runs calls of a workload under V8's sampling heap profiler and groups what they allocated by site of the
 * user's code. The sampling interval is chosen from the expected bytes so that about two thousand samples are
 * taken (16 B at least, where sampling is exact; V8's default of 32 KiB is off by ±35–50%).
 *
 * @param run - makes the calls to profile (inputs already prepared).
 * @param probe - the heap to profile.
 * @param expected - `expectedBytes` the calls allocate, and `retainedOnly` to keep only objects still alive at
 *   the end (after a full gc): the sites of retained memory.
 * @example
 * const { sites } = await profileAllocationSites(() => chain(rows), nativeHeapProbe(), { expectedBytes: 80_000 });
 */
export async function profileAllocationSites(
  run: () => unknown,
  probe: HeapProbe,
  expected: { expectedBytes: number; retainedOnly?: boolean },
): Promise<SiteProfile> {
  const intervalBytes = samplingInterval(expected.expectedBytes);
  let partial = false;
  const root = await probe.profile(
    async () => {
      const result = run();
      if (isThenable(result)) {
        partial = true;
        await result;
      }
      if (expected.retainedOnly === true) probe.collectGarbage();
    },
    intervalBytes,
    expected.retainedOnly !== true,
  );
  return { ...sitesFromProfile(root, isOwnFile, process.cwd(), sourcePosition), intervalBytes, partial };
}

function samplingInterval(expectedBytes: number): number {
  const target = Math.max(16, expectedBytes / 2048);
  return Math.min(65_536, 2 ** Math.floor(Math.log2(target)));
}

/**
 * What `profileWorkloadSites` found: the sites, and how many calls the profile covers (fewer than asked when its
 * time budget ran out), or why there is no profile.
 *
 * @example
 * const profiled: ProfiledCalls = await profileWorkloadSites(received, options);
 */
export type ProfiledCalls = { profile: SiteProfile; calls: number } | { profile: undefined; reason: string };

/**
 * The allocation sites of a heap measurement that failed: up to `calls` more calls of the same function or sized
 * workload run under the sampling profiler, within `budgetMs` of wall time. Inputs are built one call at a time; an
 * async call (or input) that has not settled when the budget is spent ends the profile, and no further call starts
 * once it is spent. It never throws for lack of time: it says why there is no profile instead. With `retainedOnly`
 * only what is still alive after a full gc counts (the sites of retained memory). Errors of the function propagate.
 *
 * @param received - the function or sized workload that was measured.
 * @param options - input size `n`, calls to profile, the heap, the bytes one call is expected to allocate (which
 *   sets the sampling interval), `retainedOnly`, the time budget in ms, the clock, and the `label` of errors.
 * @example
 * const sites = await profileWorkloadSites(() => render(page), { calls: 1, probe, expectedBytes: 80_000, budgetMs: 500, clock, label: 'toAllocateAtMost' });
 */
export async function profileWorkloadSites(
  received: (() => unknown) | SizedWorkload<unknown>,
  options: {
    n?: number | undefined;
    calls: number;
    probe: HeapProbe;
    expectedBytes: number;
    retainedOnly?: boolean;
    budgetMs: number;
    clock: Clock;
    label: string;
  },
): Promise<ProfiledCalls> {
  const { calls, clock, label } = options;
  const workload = toWorkload(received, options.n);
  const start = clock.wallNs();
  const remainingMs = (): number => options.budgetMs - (clock.wallNs() - start) / 1e6;
  let made = 0;
  let sawAsync = false;
  const run = async (): Promise<void> => {
    while (made < calls && (made === 0 || remainingMs() > 0)) {
      let input = workload.prepare?.();
      if (isThenable(input)) {
        sawAsync = true;
        await settleWithin(input, Math.max(1, remainingMs()), label, workload.setupName);
        input = await input;
      }
      const result = workload.call(input);
      if (isThenable(result)) {
        sawAsync = true;
        await settleWithin(result, Math.max(1, remainingMs()), label);
      }
      made += 1;
    }
  };
  try {
    const profile = await exclusiveHeap(label, () =>
      profileAllocationSites(run, options.probe, { expectedBytes: options.expectedBytes * calls, ...(options.retainedOnly === true ? { retainedOnly: true } : {}) }),
    );
    return { profile: { ...profile, partial: sawAsync }, calls: Math.max(1, made) };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`${label}: the measured call had not settled`)) {
      return { profile: undefined, reason: `a profiled call had not settled within ${Math.round(options.budgetMs)} ms` };
    }
    throw error;
  }
}
