/**
 * A URL path segment or Redis key part as a shape: ids (numbers, UUIDs, long hex or mixed letter-digit tokens)
 * become `:id`, anything else stays.
 *
 * @example
 * normalizePathSegment('42'); // ':id'
 */
export function normalizePathSegment(segment: string): string {
  if (/^\d+$/.test(segment)) return ':id';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return ':id';
  if (/^[0-9a-f]{12,}$/i.test(segment) && /\d/.test(segment)) return ':id';
  if (segment.length >= 16 && /\d/.test(segment) && /^[A-Za-z0-9_-]+$/.test(segment)) return ':id';
  return segment;
}
