import type { SiteProfile } from '../engine/SiteProfile.js';
import { formatBytes } from './formatBytes.js';
import { formatTable } from './formatTable.js';

const shownSites = 5;

/**
 * Evidence lines listing the top allocation sites of a profile: bytes, the user's function (and the builtin or
 * library function it allocated through), and file:line of that function; then what was not attributed.
 *
 * @param title - the heading, e.g. `Top allocation sites of one call`.
 * @param profile - the sites found, with the sampling interval in bytes.
 * @param perCall - divides every figure (bytes per call when the profile covered several calls).
 * @example
 * evidence.push(...siteLines('Top allocation sites of one call', sites, 1));
 */
export function siteLines(title: string, profile: SiteProfile, perCall: number): string[] {
  const lines = [`${title} (sampled every ${formatBytes(profile.intervalBytes)}):`];
  if (profile.sites.length === 0) {
    lines.push('  (none in your code: everything sampled was in perfspec or Node internals)');
    return lines;
  }
  const rows = profile.sites.slice(0, shownSites).map((site) => [
    formatBytes(site.bytes / perCall),
    site.via === undefined ? site.functionName : `${site.functionName} → ${site.via}`,
    `${site.file}:${site.line}`,
  ]);
  const rest = profile.sites.slice(shownSites).reduce((sum, site) => sum + site.bytes, 0);
  if (rest > 0) {
    const more = profile.sites.length - shownSites;
    rows.push([formatBytes(rest / perCall), `${more} more ${more === 1 ? 'site' : 'sites'}`, '']);
  }
  if (profile.unattributedBytes > 0) rows.push([formatBytes(profile.unattributedBytes / perCall), '(perfspec and Node internals, not counted)', '']);
  lines.push(...formatTable(rows, [0]));
  if (profile.partial) {
    lines.push('  (partial: the function is async; what it allocates after an await is attributed only when it runs in your files)');
  }
  return lines;
}
