import { normalizeSql } from './normalizeSql.js';

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

/**
 * The shape of a recorded statement by system (SQL through `normalizeSql`, a Redis command as name and key with ids
 * replaced, an HTTP request as method, origin and path with ids replaced), with the literals it replaced.
 *
 * @example
 * shapeOf('http', 'GET http://127.0.0.1:3000/users/42?page=2').shape; // 'GET http://127.0.0.1:3000/users/:id?page=?'
 */
export function shapeOf(system: string, text: string): { shape: string; literals: string[] } {
  if (system === 'redis') {
    const [command = '', key, ...rest] = text.split(' ');
    const parts = [command.toUpperCase()];
    if (key !== undefined) parts.push(key.split(':').map(normalizePathSegment).join(':'));
    for (let i = 0; i < rest.length; i++) parts.push('?');
    return { shape: parts.join(' '), literals: [] };
  }
  if (system === 'http') {
    const space = text.indexOf(' ');
    const method = text.slice(0, space);
    try {
      const url = new URL(text.slice(space + 1));
      const path = url.pathname.split('/').map(normalizePathSegment).join('/');
      const query = [...url.searchParams.keys()].map((name) => `${name}=?`).join('&');
      return { shape: `${method} ${url.origin}${path}${query === '' ? '' : `?${query}`}`, literals: [] };
    } catch {
      return { shape: text, literals: [] };
    }
  }
  return normalizeSql(text);
}
