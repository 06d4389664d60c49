import type { QueryEvent } from '../queries/QueryEvent.js';

/** Longest literal shown, like a parameter's value (util.inspect's maxStringLength in the same message). */
const maxLiteralChars = 40;

/**
 * A recorded statement or request as a failure message may show it: for a URL, credentials and every
 * query-string value replaced (tokens and keys often travel there); for SQL, each quoted literal longer than 40
 * characters cut, like parameter values; for Redis, each argument cut the same way.
 *
 * @param event - the statement or request.
 * @example
 * displayedText(event); // 'GET https://api.example.com/users/1?access_token=[redacted]'
 */
export function displayedText(event: Pick<QueryEvent, 'system' | 'text'>): string {
  if (event.system === 'http') return redactRequest(event.text);
  if (event.system === 'redis') return event.text.split(' ').map(cut).join(' ');
  return cutSqlLiterals(event.text);
}

function cut(value: string): string {
  return value.length > maxLiteralChars ? `${value.slice(0, maxLiteralChars)}…(${value.length} chars)` : value;
}

function redactRequest(text: string): string {
  const space = text.indexOf(' ');
  const method = space < 0 ? '' : text.slice(0, space + 1);
  const target = text.slice(space + 1);
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    // Not a URL we can take apart: keep only what precedes a query string, and no userinfo.
    return `${method}${target.replace(/\/\/[^/@]*@/, '//[redacted]@').replace(/[?#].*$/, '?[redacted]')}`;
  }
  if (url.username !== '' || url.password !== '') {
    url.username = 'redacted';
    url.password = '';
  }
  const names = [...url.searchParams.keys()];
  const query = names.length === 0 ? '' : `?${names.map((name) => `${encodeURIComponent(name)}=[redacted]`).join('&')}`;
  url.search = '';
  url.hash = '';
  return `${method}${url.toString()}${query}`;
}

function cutSqlLiterals(text: string): string {
  // Single-quoted literals (with '' and backslash escapes) and dollar-quoted bodies ($$…$$, $tag$…$tag$).
  return text.replace(/'(?:[^'\\]|\\.|'')*'|\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, (literal) => {
    const open = literal.startsWith("'") ? "'" : (/^\$[A-Za-z_]*\$/.exec(literal)?.[0] ?? "'");
    const body = literal.slice(open.length, literal.length - open.length);
    return body.length > maxLiteralChars ? `${open}${body.slice(0, maxLiteralChars)}…${open} (${body.length} chars)` : literal;
  });
}
