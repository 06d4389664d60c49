import { Session } from 'node:inspector';
import { framePath, isOwnFile } from '../heap/isOwnFile.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * What was running during part of a measurement, from V8's sampling CPU profiler: a function of the caller's code
 * with its file:line, the Node API or builtin it was inside (if any), and the share of the samples.
 *
 * @example
 * const [top]: HotFrame[] = profile.hotFrames(startNs, endNs); // { api: 'pbkdf2Sync', fn: 'hashPassword', site: 'src/auth.ts:12', samples: 40 }
 */
export interface HotFrame {
  readonly api: string | undefined;
  readonly fn: string;
  readonly site: string | undefined;
  readonly samples: number;
}

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

function isUserUrl(url: string): boolean {
  return url !== '' && !url.startsWith('node:') && !url.includes('/node_modules/') && !isOwnFile(url);
}

function relative(url: string): string {
  const path = framePath(url);
  const cwd = `${process.cwd()}/`;
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}

/**
 * Starts V8's CPU profiler in this thread (sampling every `intervalUs` µs) and returns a stop function that resolves
 * to a lookup of the hottest frames between two wall-clock instants (ns of `process.hrtime`, the profiler's clock).
 *
 * @example
 * const stop = await startCpuProfiler(200);
 * work();
 * const hotFrames = await stop();
 * hotFrames(startNs, endNs);
 */
export async function startCpuProfiler(intervalUs: number): Promise<() => Promise<(fromNs: number, toNs: number) => HotFrame[]>> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
  await post(session, 'Profiler.start');
  return async () => {
    let profile: Profile;
    try {
      profile = (await post<{ profile: Profile }>(session, 'Profiler.stop')).profile;
    } finally {
      session.disconnect();
    }
    return (fromNs, toNs) => hotFrames(profile, fromNs / 1e3, toNs / 1e3);
  };
}

function hotFrames(profile: Profile, fromUs: number, toUs: number): HotFrame[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const counts = new Map<string, HotFrame>();
  let time = profile.startTime;
  const samples = profile.samples ?? [];
  samples.forEach((id, i) => {
    time += profile.timeDeltas?.[i] ?? 0;
    if (time < fromUs || time > toUs) return;
    let api: string | undefined;
    let current: number | undefined = id;
    let user: ProfileNode | undefined;
    while (current !== undefined) {
      const node = byId.get(current);
      if (node === undefined) break;
      if (isUserUrl(node.callFrame.url)) {
        user = node;
        break;
      }
      if (node.callFrame.functionName !== '' && node.callFrame.url.startsWith('node:')) api = node.callFrame.functionName;
      current = parent.get(current);
    }
    const leafFrame = byId.get(id)?.callFrame;
    // perfspec's own bookkeeping between segments is not the user's work.
    if (user === undefined && leafFrame !== undefined && isOwnFile(leafFrame.url)) return;
    const leaf = leafFrame?.functionName ?? '';
    const frame: Omit<HotFrame, 'samples'> =
      user === undefined
        ? { api: undefined, fn: leaf === '' ? '(anonymous)' : leaf, site: undefined }
        : { api, fn: user.callFrame.functionName || '(anonymous)', site: `${relative(user.callFrame.url)}:${hottestLine(user)}` };
    const key = `${frame.api ?? ''}|${frame.fn}|${frame.site ?? ''}`;
    const seen = counts.get(key);
    counts.set(key, { ...frame, samples: (seen?.samples ?? 0) + 1 });
  });
  return [...counts.values()].sort((a, b) => b.samples - a.samples);
}

function hottestLine(node: ProfileNode): number {
  const ticks = node.positionTicks ?? [];
  if (ticks.length === 0) return node.callFrame.lineNumber + 1;
  return ticks.reduce((best, tick) => (tick.ticks > best.ticks ? tick : best)).line;
}
