// The real-bug corpus of bench:corpus (issue 11): published npm performance bugs, each a buggy published version
// and the later published version that fixed it, installed side by side under npm aliases (package.json here).
// Every case says where the bug is documented, what n counts, how the input is built, the class the fixed
// version meets and the class the buggy one shows. verify.mjs checks each pair by hand before run.mjs judges it.
//
// A case: { name, source, counts, buggy, fixed, input(n), run(module, input), fixedClass, buggyClass, kind }
//   buggy/fixed: the aliased package names; run(module, input) is the measured call, its result compared
//   between versions; fixedClass is asserted on both (the fixed version must pass it, the buggy one must fail).
'use strict';
// CommonJS, so that the Jest condition's test file (in Jest's vm context) can require it as well as run.mjs.
const load = (name) => require(name);
const caught = (f) => {
  try {
    return f();
  } catch (error) {
    return `throws ${error?.constructor?.name}`;
  }
};

/** The usual ReDoS pair: linear once fixed, quadratic before; `counts` may come with the input builder. */
const redos = (c) => ({ kind: 'redos', fixedClass: 'n', buggyClass: 'n^2', counts: c.input.counts, ...c });
/** Two letters around n spaces: what a trim-like regular expression backtracks on. */
const spacesBetweenLetters = Object.assign((n) => 'a' + ' '.repeat(n) + 'a', { counts: 'spaces between two letters' });

const cases = [
  redos({
    name: 'ms: long digit string',
    source: 'snyk npm:ms:20170412 (ms < 2.0.0 ReDoS; 2.0.0 limits the input to 100 characters), see auth0/node-jsonwebtoken#352',
    counts: 'characters of the string parsed',
    buggy: 'ms-1.0.0', fixed: 'ms-2.0.0',
    input: (n) => '1'.repeat(n) + 'a',
    run: (ms, s) => ms(s),
  }),
  redos({
    name: 'trim: spaces inside',
    source: 'CVE-2020-7753 (trim < 0.0.3 ReDoS)',
    buggy: 'trim-0.0.1', fixed: 'trim-0.0.3',
    input: spacesBetweenLetters,
    run: (trim, s) => trim(s),
  }),
  redos({
    name: 'trim-newlines: .end on inner newlines',
    source: 'CVE-2021-33623 (trim-newlines < 3.0.1 ReDoS in .end())',
    counts: 'newlines between two letters',
    buggy: 'trim-newlines-3.0.0', fixed: 'trim-newlines-3.0.1',
    input: (n) => 'a' + '\n'.repeat(n) + 'a',
    run: (t, s) => t.end(s),
  }),
  redos({
    name: 'lodash: trimEnd',
    source: 'CVE-2020-28500 (lodash < 4.17.21 ReDoS in toNumber, trim, trimEnd)',
    buggy: 'lodash-4.17.20', fixed: 'lodash-4.17.21',
    input: spacesBetweenLetters,
    run: (_, s) => _.trimEnd(s),
  }),
  redos({
    name: 'validator: rtrim',
    source: 'CVE-2021-3765 (validator < 13.7.0 ReDoS in rtrim)',
    buggy: 'validator-13.6.0', fixed: 'validator-13.7.0',
    input: spacesBetweenLetters,
    run: (v, s) => v.rtrim(s),
  }),
  redos({
    name: 'axios: utils.trim',
    source: 'CVE-2021-3749 (axios <= 0.21.1 ReDoS in utils.trim, axios/axios#3979, fixed by #3980)',
    buggy: 'axios-0.21.1/lib/utils.js', fixed: 'axios-0.21.2/lib/utils.js',
    input: spacesBetweenLetters,
    run: (u, s) => u.trim(s),
  }),
  redos({
    name: 'moment: RFC 2822 comments',
    source: 'CVE-2022-31129 (moment 2.18.0–2.29.3 ReDoS in RFC 2822 preprocessing)',
    counts: "'(' characters of the date string",
    buggy: 'moment-2.29.3', fixed: 'moment-2.29.4',
    input: (n) => '('.repeat(n),
    run: (moment, s) => moment(s).isValid(),
  }),
  redos({
    name: 'ansi-regex: many semicolons',
    source: 'CVE-2021-3807 (ansi-regex 5.0.0 ReDoS)',
    counts: "';' characters after an escape",
    buggy: 'ansi-regex-5.0.0', fixed: 'ansi-regex-5.0.1',
    input: (n) => '\u001B[' + ';'.repeat(n) + '\u0000',
    run: (ansiRegex, s) => s.replace(ansiRegex(), '').length,
  }),
  redos({
    name: 'color-string: hwb digits',
    source: 'CVE-2021-29060 (color-string < 1.5.5 ReDoS in hwb/hsl)',
    counts: 'digits of the hue',
    buggy: 'color-string-1.5.4', fixed: 'color-string-1.5.5',
    input: (n) => 'hwb(' + '1'.repeat(n) + '!',
    run: (cs, s) => cs.get.hwb(s),
  }),

  redos({
    name: 'nth-check: spaces',
    source: 'CVE-2021-3803 (nth-check < 2.0.1 ReDoS)',
    counts: 'spaces after "2n"',
    buggy: 'nth-check-2.0.0', fixed: 'nth-check-2.0.1',
    input: (n) => '2n' + ' '.repeat(n) + '!',
    run: (nth, s) => caught(() => nth.parse(s)),
  }),
  redos({
    name: 'css-what: attribute selector',
    source: 'CVE-2021-33587 (css-what < 5.0.1 ReDoS in attribute parsing)',
    counts: 'spaces inside an attribute selector',
    buggy: 'css-what-5.0.0', fixed: 'css-what-5.0.1',
    input: (n) => '[a' + ' '.repeat(n) + '!',
    run: (cw, s) => caught(() => JSON.stringify(cw.parse(s))),
  }),

  redos({
    name: 'cross-spawn: backslashes in an argument',
    source: 'CVE-2024-21538 (cross-spawn < 7.0.5 ReDoS in argument escaping)',
    counts: 'backslashes of the argument',
    buggy: 'cross-spawn-7.0.3/lib/util/escape.js', fixed: 'cross-spawn-7.0.5/lib/util/escape.js',
    input: (n) => '\\'.repeat(n) + 'a',
    run: (e, s) => e.argument(s).length,
  }),
  redos({
    name: 'minimatch: braceExpand on open braces',
    source: 'CVE-2022-3517 (minimatch < 3.0.5 ReDoS in braceExpand)',
    counts: "'{' characters of the pattern",
    buggy: 'minimatch-3.0.4', fixed: 'minimatch-3.0.5',
    input: (n) => '{'.repeat(n),
    run: (m, s) => m.braceExpand(s).length,
  }),
  redos({
    name: 'micromatch: braces on open braces',
    source: 'CVE-2024-4067 (micromatch < 4.0.8 ReDoS in micromatch.braces)',
    counts: "'{' characters of the pattern",
    buggy: 'micromatch-4.0.7', fixed: 'micromatch-4.0.8',
    input: (n) => '{'.repeat(n),
    run: (m, s) => m.braces(s).length,
  }),
  {
    name: 'glob-parent: enclosure check (cubic fixed to quadratic)',
    source: 'CVE-2020-28469 (glob-parent < 5.1.2 ReDoS in the enclosure regex)',
    counts: "'{' characters of the glob",
    buggy: 'glob-parent-5.1.1', fixed: 'glob-parent-5.1.2', kind: 'redos',
    input: (n) => '{'.repeat(n),
    run: (g, s) => g(s),
    fixedClass: 'n^2', buggyClass: 'n^3',
  },
  redos({
    name: 'marked: link definition with spaces',
    source: 'CVE-2022-21680 (marked < 4.0.10 ReDoS in block.def)',
    counts: 'spaces after a link label',
    buggy: 'marked-4.0.9', fixed: 'marked-4.0.10',
    input: (n) => '[x]:' + ' '.repeat(n) + '\n',
    run: (m, s) => m.marked.parse(s),
  }),
  redos({
    name: 'mime: lookup of a long name',
    source: 'CVE-2017-16138 (mime < 1.4.1 ReDoS in lookup)',
    counts: 'characters of the file name',
    buggy: 'mime-1.4.0', fixed: 'mime-1.4.1',
    input: (n) => 'a'.repeat(n),
    run: (m, s) => m.lookup(s),
  }),
  redos({
    name: 'fresh: If-None-Match with spaces',
    source: 'CVE-2017-16119 (fresh < 0.5.2 ReDoS)',
    counts: 'spaces in the If-None-Match header',
    buggy: 'fresh-0.5.1', fixed: 'fresh-0.5.2',
    input: (n) => ({ 'if-none-match': 'a' + ' '.repeat(n) + 'x' }),
    run: (fresh, h) => fresh(h, { etag: '"b"' }),
  }),
  redos({
    name: 'forwarded: X-Forwarded-For with spaces',
    source: 'CVE-2017-16118 (forwarded < 0.1.2 ReDoS)',
    counts: 'spaces in the X-Forwarded-For header',
    buggy: 'forwarded-0.1.0', fixed: 'forwarded-0.1.2',
    input: (n) => ({ headers: { 'x-forwarded-for': 'a' + ' '.repeat(n) + 'x' }, connection: { remoteAddress: '10.0.0.1' } }),
    run: (f, req) => f(req).length,
  }),
  redos({
    name: 'debug: %o formatter',
    source: 'CVE-2017-16137 (debug < 2.6.9 ReDoS in the %o formatter)',
    counts: 'spaces of the formatted string',
    buggy: 'debug-2.6.8/src/node.js', fixed: 'debug-2.6.9/src/node.js',
    input: spacesBetweenLetters,
    run: (d, s) => d.formatters.o.call({ inspectOpts: {}, useColors: false }, s),
  }),

  redos({
    name: 'csv-parse: integer cast',
    source: 'CVE-2019-17592 (csv-parse < 4.4.6 ReDoS in __isInt)',
    counts: 'digits of one field',
    buggy: 'csv-parse-4.4.5/lib/sync.js', fixed: 'csv-parse-4.4.6/lib/sync.js',
    input: (n) => '1'.repeat(n) + 'a',
    run: (parse, s) => JSON.stringify(parse(s, { cast: true })),
  }),

  redos({
    name: 'postcss: source map annotation',
    source: 'CVE-2021-23368 (postcss < 8.2.10 ReDoS in source map annotation parsing)',
    counts: 'spaces inside a sourceMappingURL comment',
    buggy: 'postcss-8.2.9', fixed: 'postcss-8.2.10',
    input: (n) => 'a{}/*# sourceMappingURL=' + ' '.repeat(n) + '\n!*/',
    run: (p, s) => p.parse(s).toString().length,
  }),
  redos({
    name: 'browserslist: percentage query',
    source: 'CVE-2021-23364 (browserslist < 4.16.5 ReDoS in usage queries)',
    counts: 'digits of the percentage',
    buggy: 'browserslist-4.16.4', fixed: 'browserslist-4.16.5',
    input: (n) => '> ' + '1'.repeat(n) + '!',
    run: (b, s) => caught(() => b(s)),
  }),

  redos({
    name: 'word-wrap: trailing whitespace trim',
    source: 'CVE-2023-26115 (word-wrap < 1.2.4 ReDoS in the trim option)',
    counts: 'tabs of the text',
    buggy: 'word-wrap-1.2.3', fixed: 'word-wrap-1.2.4',
    input: (n) => 'a' + '\t'.repeat(n) + 'a',
    run: (w, s) => w(s, { trim: true, width: 1e9, indent: '' }),
  }),
  redos({
    name: 'http-cache-semantics: Cache-Control with spaces',
    source: 'CVE-2022-25881 (http-cache-semantics < 4.1.1 ReDoS in Cache-Control parsing)',
    counts: 'spaces in the Cache-Control header',
    buggy: 'http-cache-semantics-4.1.0', fixed: 'http-cache-semantics-4.1.1',
    input: (n) => ({ req: { headers: {} }, res: { status: 200, headers: { 'cache-control': 'a' + ' '.repeat(n) + 'b' } } }),
    run: (C, { req, res }) => new C(req, res).storable(),
  }),
  redos({
    name: 'tough-cookie: cookie name with spaces',
    source: 'GHSA-g7q5-pjjr-gqvp / CVE-2017-15010 (tough-cookie < 2.3.3, salesforce/tough-cookie#92, fixed by #97: spaces before = limited to 256)',
    counts: 'spaces in the cookie string',
    buggy: 'tough-cookie-2.3.2', fixed: 'tough-cookie-2.3.3',
    input: (n) => 'a' + ' '.repeat(n) + 'b',
    run: (tc, s) => String(tc.Cookie.parse(s, { loose: false })),
  }),
];

// Must-pass cases without a buggy twin: the kinds that read as faster growth than they have (memory steps, gc,
// hash-table growth, cache misses). Each is asserted against its true class only.
const distinctInts = (n) => Array.from({ length: n }, (_, i) => i);
const shuffledInts = (n) => {
  const a = distinctInts(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};
const bigMaps = new Map();
const mustPass = [
  {
    name: 'lodash uniq on distinct ints',
    source: 'issue 11: failed \'n\' in 7/10 Vitest and 3/3 Jest runs (a memory step read as a slope)',
    counts: 'array elements', module: 'lodash-4.17.21', kind: 'memory-step',
    input: distinctInts, run: (_, a) => _.uniq(a).length, fixedClass: 'n',
  },
  {
    name: 'Set-based dedupe',
    source: 'DESIGN.md §6: new Set(array) costs 36 ns/item at n = 1 056 and 220–290 ns from 2 111 on',
    counts: 'array elements', module: undefined, kind: 'memory-step',
    input: shuffledInts, run: (_, a) => [...new Set(a)].length, fixedClass: 'n',
  },
  {
    name: 'Map lookup in a large map',
    source: 'issue 11: falsely failed \'1\' and \'log n\' under load (cache misses grow with the map)',
    counts: 'entries of the map', module: undefined, kind: 'memory-bound',
    input: (n) => {
      if (!bigMaps.has(n)) bigMaps.set(n, new Map(Array.from({ length: n }, (_, i) => [i * 7919, i])));
      return { map: bigMaps.get(n), key: Math.floor(Math.random() * n) * 7919 };
    },
    run: (_, { map, key }) => map.get(key), fixedClass: '1',
  },
  {
    name: 'object-building map (gc-heavy linear)',
    source: 'issue 11: linear code that allocates heavily measures n^1.2–1.3 over moderate ranges',
    counts: 'array elements', module: undefined, kind: 'gc-heavy',
    input: distinctInts, run: (_, a) => a.map((x) => ({ x, y: String(x) })).length, fixedClass: 'n',
  },
  {
    name: 'Map built from n keys (hash-table growth)',
    source: 'issue 11: hash-table growth reads as n^1.2–1.3',
    counts: 'keys inserted', module: undefined, kind: 'hash-growth',
    input: shuffledInts, run: (_, a) => { const m = new Map(); for (const x of a) m.set(`k${x}`, x); return m.size; }, fixedClass: 'n',
  },
];

module.exports = { cases, mustPass, load };
