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
