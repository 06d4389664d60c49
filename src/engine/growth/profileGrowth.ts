import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { relative, sep } from 'node:path';
import { framePath, isOwnFile } from '../heap/isOwnFile.js';
import { sourcePosition } from '../heap/profileAllocationSites.js';
import { isThenable } from '../workload.js';
import type { Workload } from '../workload.js';

/** Each size's profile covers at least this much CPU time (batched calls), so that it holds enough samples. */
const minProfiledNs = 20e6;
const samplingIntervalUs = 50;
/** Functions with less than this share of the time at the largest size are not shown. */
const minShare = 0.05;
const maxHotspots = 3;
const maxBatch = 10_000;
const searchBuiltins = new Set(['indexOf', 'lastIndexOf', 'includes', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'filter']);
const copyBuiltins = new Set(['slice', 'concat', 'splice', 'from', 'join', 'substring', 'substr', 'padEnd', 'padStart', 'repeat', 'flat', 'assign', 'shift', 'unshift']);

/**
 * A function of the user's code (or of a dependency) whose share of the CPU time grows with n.
 *
 * @example
 * const { hotspots: [top] } = await profileGrowth(at, 100, 10_000, { callNsSmall: 5e3, callNsLarge: 3e7 }) ?? { hotspots: [] };
 */
export interface GrowthHotspot {
  functionName: string;
  /** Path of its file (relative to the working directory when inside it) and the 1-based line where it starts. */
  file: string;
  line: number;
  /** The npm package the file belongs to, for code in node_modules. */
  package?: string;
  /** Share of the profiled CPU time in this function (self time, builtins it calls included) at each size. */
  shareSmall: number;
  shareLarge: number;
  /** The regular expression most of its time at the largest size was spent executing: `/source/` when the profile
   * names it, else the source line that runs it (regular expressions compiled before profiling started are
   * attributed to the function that runs them). */
  regExp?: string;
  /** The line of the function where most of its own time was spent at the largest size, and its text. */
  hotLine?: { line: number; text: string; kind?: 'regexp' | 'search' | 'copy' };
  /** The builtin most of its time at the largest size was spent in (e.g. `indexOf`), when not a regular expression. */
  builtin?: string;
}

/**
 * Where the growing time goes: CPU profiles (V8's sampling profiler through `node:inspector`) of calls at the
 * smallest and the largest size, self time attributed to the deepest frame of the user's code or of a dependency
 * (builtins, regular expressions and node internals count toward the function that called them; perfspec's own
 * frames never appear), ranked by how much their share grows. Only synchronous work is profiled; undefined when
 * the workload is async or the inspector is unavailable.
 *
 * @param workloadAt - the workload at input size n (inputs are prepared before profiling starts).
 * @param smallN - the smallest measured size; `largeN` the largest.
 * @param cost - one call's measured time at each size (ns), to batch enough calls for a usable profile.
 * @example
 * const profile = await profileGrowth(n => toWorkload(workload, n), 132, 33_762, { callNsSmall: 4e3, callNsLarge: 2e7 });
 * profile?.hotspots[0]?.functionName; // e.g. 'trimEnd'
 */
export async function profileGrowth(
  workloadAt: (n: number) => Workload,
  smallN: number,
  largeN: number,
  cost: { callNsSmall: number; callNsLarge: number },
): Promise<{ hotspots: GrowthHotspot[]; hint?: 'regexp' | 'search' | 'copy' } | undefined> {
  const session = new Session();
  try {
    session.connect();
  } catch {
    return undefined;
  }
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    const small = await profileCalls(session, workloadAt(smallN), batch(cost.callNsSmall));
    const large = await profileCalls(session, workloadAt(largeN), batch(cost.callNsLarge));
    if (small === undefined || large === undefined) return undefined;
    const keys = new Set([...large.keys()]);
    const hotspots = [...keys]
      .map((key) => {
        const big = large.get(key) as Attributed;
        return { ...big.site, shareSmall: small.get(key)?.share ?? 0, shareLarge: big.share, leaf: big.leaf };
      })
      .filter((h) => h.shareLarge >= minShare)
      .sort((a, b) => b.shareLarge - b.shareSmall - (a.shareLarge - a.shareSmall) || b.shareLarge - a.shareLarge)
      .slice(0, maxHotspots)
      .map(({ leaf, ...site }) => ({ ...site, ...leaf }));
    const top = hotspots[0];
    const hint =
      top?.regExp !== undefined || top?.hotLine?.kind === 'regexp'
        ? 'regexp'
        : (top?.builtin !== undefined && searchBuiltins.has(top.builtin)) || top?.hotLine?.kind === 'search'
          ? 'search'
          : (top?.builtin !== undefined && copyBuiltins.has(top.builtin)) || top?.hotLine?.kind === 'copy'
            ? 'copy'
            : undefined;
    return hint === undefined ? { hotspots } : { hotspots, hint };
  } catch {
    return undefined;
  } finally {
    session.disconnect();
  }
}

interface Site {
  functionName: string;
  file: string;
  line: number;
  package?: string;
}
interface Attributed {
  site: Site;
  share: number;
  leaf: { regExp?: string; builtin?: string; hotLine?: NonNullable<GrowthHotspot['hotLine']> };
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

function batch(callNs: number): number {
  return Math.max(1, Math.min(maxBatch, Math.ceil(minProfiledNs / Math.max(callNs, 1))));
}

async function profileCalls(session: Session, workload: Workload, calls: number): Promise<Map<string, Attributed> | undefined> {
  const inputs = Array.from({ length: calls }, () => workload.prepare?.());
  if (inputs.some(isThenable)) return undefined;
  await post(session, 'Profiler.start');
  let result: unknown;
  let stopped: { profile: { nodes: ProfileNode[]; samples?: number[] } };
  try {
    for (const input of inputs) result = workload.call(input);
  } finally {
    stopped = await post(session, 'Profiler.stop');
  }
  return isThenable(result) ? undefined : attribute(stopped.profile.nodes, stopped.profile.samples ?? []);
}

/** Self samples per site of user or dependency code, as shares of the samples that have such a site. */
function attribute(nodes: readonly ProfileNode[], samples: readonly number[]): Map<string, Attributed> {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(nodes.map((node) => [node.id, node]));
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node);
  const counts = new Map<string, { site: Site; file: string; column: number; samples: number; leaves: Map<string, number>; lines: Map<number, number> }>();
  let attributed = 0;
  for (const id of samples) {
    const leaf = byId.get(id);
    if (leaf === undefined) continue;
    const path: ProfileNode[] = [];
    for (let node: ProfileNode | undefined = leaf; node !== undefined; node = parent.get(node.id)) path.unshift(node);
    const kinds = path.map((node) => kindOf(node.callFrame.url));
    const lastOwn = kinds.lastIndexOf('own');
    let index = -1;
    for (let i = kinds.length - 1; i > lastOwn && index < 0; i--) if (kinds[i] === 'app' || kinds[i] === 'library') index = i;
    const frame = path[index]?.callFrame;
    if (frame === undefined) continue;
    attributed++;
    const file = framePath(frame.url);
    const key = `${frame.functionName}\0${file}\0${frame.lineNumber}`;
    const entry = counts.get(key) ?? { site: siteOf(frame, file), file, column: frame.columnNumber + 1, samples: 0, leaves: new Map<string, number>(), lines: new Map<number, number>() };
    entry.samples++;
    const leafName = leaf.callFrame.functionName;
    if (index < path.length - 1) entry.leaves.set(leafName, (entry.leaves.get(leafName) ?? 0) + 1);
    // V8 counts a node's own samples per line: the hot line of the function (its line-level ticks, once per node).
    const own = path[index] as ProfileNode;
    if (own === leaf) for (const tick of own.positionTicks ?? []) entry.lines.set(tick.line, (entry.lines.get(tick.line) ?? 0) + tick.ticks / Math.max(1, countOf(samples, own.id)));
    counts.set(key, entry);
  }
  const result = new Map<string, Attributed>();
  for (const [key, entry] of counts) {
    const [topLeaf, topCount] = [...entry.leaves].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    // A regular expression or builtin is named only when it holds most of the function's own time.
    const leaf: Attributed['leaf'] = topCount * 2 < entry.samples ? {} : topLeaf.startsWith('RegExp: ') ? { regExp: `/${topLeaf.slice('RegExp: '.length)}/` } : topLeaf !== '' && !topLeaf.startsWith('(') ? { builtin: topLeaf } : {};
    const [hot] = [...entry.lines].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (hot !== undefined) {
      const hotLine = lineAt(entry.file, hot, entry.column);
      if (hotLine !== undefined) leaf.hotLine = hotLine;
    }
    result.set(key, { site: entry.site, share: attributed === 0 ? 0 : entry.samples / attributed, leaf });
  }
  return result;
}

function siteOf(frame: ProfileNode['callFrame'], file: string): Site {
  const inside = relative(process.cwd(), file);
  const shown = inside !== '' && !inside.startsWith('..') && !inside.startsWith(sep) ? inside.split(sep).join('/') : file;
  const site: Site = { functionName: frame.functionName || '(anonymous)', file: shown, line: frame.lineNumber + 1 };
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at >= 0) {
    const parts = file.slice(at + marker.length).split(sep);
    site.package = (parts[0]?.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
  }
  return site;
}

function kindOf(url: string): 'own' | 'app' | 'library' | 'internal' {
  if (url === '' || url.startsWith('node:') || !/^(file:|\/|[A-Za-z]:\\)/.test(url)) return 'internal';
  const file = framePath(url);
  if (isOwnFile(file)) return 'own';
  return file.includes(`${sep}node_modules${sep}`) ? 'library' : 'app';
}

function post<T = unknown>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

const sampleCounts = new WeakMap<readonly number[], Map<number, number>>();
function countOf(samples: readonly number[], id: number): number {
  let counts = sampleCounts.get(samples);
  if (counts === undefined) {
    counts = new Map();
    for (const sample of samples) counts.set(sample, (counts.get(sample) ?? 0) + 1);
    sampleCounts.set(samples, counts);
  }
  return counts.get(id) ?? 0;
}

/** The source text of a hot line (mapped to the original source where the runner installed source maps) and what it does. */
function lineAt(file: string, line: number, column: number): NonNullable<GrowthHotspot['hotLine']> | undefined {
  try {
    const original = sourcePosition(file, line, column);
    const text = readFileSync(original.file, 'utf8').split('\n')[original.line - 1]?.trim();
    if (text === undefined) return undefined;
    const shown = text.length > 100 ? `${text.slice(0, 99)}…` : text;
    const kind = /\.(test|exec)\s*\(|\.(replace|replaceAll|match|matchAll|split|search)\s*\(\s*(\/|new RegExp|re[A-Z_]|[\w$]*(?:Re|RE|regex|Regex|REGEX|pattern|Pattern)\b)/.test(text)
      ? 'regexp'
      : /\.(indexOf|lastIndexOf|includes|find|findIndex|findLast|some)\s*\(/.test(text)
        ? 'search'
        : /\.(slice|concat|splice)\s*\(|\[\s*\.\.\.|Array\.from\s*\(|Object\.assign\s*\(/.test(text)
          ? 'copy'
          : undefined;
    return kind === undefined ? { line: original.line, text: shown } : { line: original.line, text: shown, kind };
  } catch {
    return undefined;
  }
}
