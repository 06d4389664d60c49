import type { ProfiledCalls } from '../../engine/heap/profileAllocationSites.js';
import type { PerfRecord } from './recordAssertion.js';

/**
 * What a failure shows a coding agent, besides the record's measurement: the options that reproduce it, and the
 * top allocation sites or statement shapes where the matcher has them.
 *
 * @example
 * const extra: AgentExtra = { rerun: { by: 1.5, clock: 'cpu', maxTimeMs: 1000 } };
 */
export interface AgentExtra {
  rerun: Record<string, unknown>;
  top?: readonly unknown[];
  /** Allocation sites of profiled calls: the top three, per call, become `top`. */
  sites?: ProfiledCalls | undefined;
}

/**
 * A failure message's closing block for coding agents, when `AI_AGENT` is set or `PERFSPEC_OUTPUT=agent`: one
 * Markdown ```json block with matcher, verdict, metric, budget, measured value and bounds, n, top sites or shapes
 * and the rerun options, then a line saying the budget is the specification. Empty otherwise.
 *
 * @example
 * message: () => timeMessage(this, result, asked) + agentBlock(measured, { rerun })
 */
export function agentBlock(measured: Omit<PerfRecord, 'test' | 'file' | 'fingerprint'>, extra: AgentExtra): string {
  const output = process.env['PERFSPEC_OUTPUT'];
  const agent = output === 'agent' || (output === undefined && (process.env['AI_AGENT'] ?? '') !== '');
  if (!agent) return '';
  const block = {
    matcher: measured.matcher,
    verdict: measured.verdict,
    metric: measured.metric,
    statistic: measured.statistic,
    budget: { [measured.direction === 'at most' ? 'atMost' : 'atLeast']: measured.budget, unit: measured.unit },
    measured: { value: measured.value, lower: measured.lower ?? null, upper: measured.upper ?? null, unit: measured.unit },
    n: measured.n ?? null,
    top: extra.top ?? topSites(extra.sites),
    rerun: extra.rerun,
  };
  return [
    '',
    '',
    '```json',
    JSON.stringify(block, null, 2),
    '```',
    'The budget is the specification: the fix belongs in the code, not in the budget.',
  ].join('\n');
}

function topSites(profiled: ProfiledCalls | undefined): unknown[] {
  if (profiled?.profile === undefined) return [];
  const calls = 'calls' in profiled ? Math.max(1, profiled.calls) : 1;
  return profiled.profile.sites.slice(0, 3).map((site) => ({
    function: site.functionName,
    file: `${site.file}:${site.line}`,
    ...(site.via === undefined ? {} : { via: site.via }),
    bytesPerCall: Math.round(site.bytes / calls),
  }));
}
