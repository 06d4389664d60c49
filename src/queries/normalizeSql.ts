const identifierStart = /[A-Za-z_\u0080-\uffff]/;
const identifierPart = /[A-Za-z0-9_$\u0080-\uffff]/;
const digit = /[0-9]/;

/**
 * The shape of an SQL statement — literals and placeholders (`$1`, `?`, `:name`, `@name`) as `?`, comments dropped,
 * whitespace, IN-lists and multi-row VALUES collapsed — with the literals it replaced (which tell inlined values apart).
 *
 * @example
 * normalizeSql("SELECT * FROM t WHERE id IN (1, 2, 3) AND name = 'x'").shape; // 'SELECT * FROM t WHERE id IN (?…) AND name = ?'
 */
export function normalizeSql(text: string): { shape: string; literals: string[] } {
  const out: string[] = [];
  const literals: string[] = [];
  let i = 0;
  const n = text.length;
  const space = (): void => {
    if (out.length > 0 && out[out.length - 1] !== ' ') out.push(' ');
  };
  const literal = (value: string): void => {
    // A prefix letter glued to a quote (E'..', N'..', X'..', B'..') is part of the literal.
    const last = out[out.length - 1];
    if (last !== undefined && /^[EeNnXxBbUu]$/.test(last)) out.pop();
    literals.push(value);
    out.push('?');
  };
  while (i < n) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (/\s/.test(c)) {
      space();
      i++;
    } else if (c === '-' && next === '-') {
      while (i < n && text[i] !== '\n') i++;
      space();
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      space();
    } else if (c === "'") {
      let j = i + 1;
      for (; j < n; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === "'") {
          if (text[j + 1] === "'") j++;
          else break;
        }
      }
      literal(text.slice(i + 1, j));
      i = j + 1;
    } else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      while (j < n && text[j] !== close) j++;
      out.push(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '$' && next !== undefined && digit.test(next)) {
      let j = i + 1;
      while (j < n && digit.test(text[j] as string)) j++;
      out.push('?');
      i = j;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i));
      if (tag === null) {
        out.push(c);
        i++;
        continue;
      }
      const end = text.indexOf(tag[0], i + tag[0].length);
      const stop = end < 0 ? n : end;
      literal(text.slice(i + tag[0].length, stop));
      i = end < 0 ? n : end + tag[0].length;
    } else if ((c === ':' || c === '@') && next !== undefined && identifierStart.test(next) && text[i - 1] !== ':' && text[i - 1] !== c) {
      let j = i + 1;
      while (j < n && identifierPart.test(text[j] as string)) j++;
      out.push('?');
      i = j;
    } else if (c === '?') {
      out.push('?');
      i++;
    } else if (digit.test(c) || (c === '.' && next !== undefined && digit.test(next))) {
      const match = /^(0x[0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
      const value = match?.[0] ?? c;
      literal(value);
      i += value.length;
    } else if (identifierStart.test(c)) {
      let j = i + 1;
      while (j < n && identifierPart.test(text[j] as string)) j++;
      out.push(text.slice(i, j));
      i = j;
    } else {
      out.push(c);
      i++;
    }
  }
  const shape = out
    .join('')
    .trim()
    .replace(/\(\s*\?(?:\s*,\s*\?)*\s*\)/g, (list) => (list.includes(',') ? '(?…)' : list))
    .replace(/(\((?:\?|\?…)(?:\s*,\s*(?:\?|\?…))*\))(?:\s*,\s*\1)+/g, '$1, …');
  return { shape, literals };
}
