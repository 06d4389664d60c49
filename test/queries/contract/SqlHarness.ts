/** A result row as the contract reads it. */
export type Row = Record<string, unknown>;

/**
 * What the shared query contract needs from one driver: its dialect's placeholder, its plain, prepared and
 * transaction APIs, a one-connection pool where it has pools, and the object to pass to `trackQueries`.
 */
export interface SqlHarness {
  readonly name: string;
  /** Table-name prefix unique to this test file, so parallel files never share tables. */
  readonly prefix: string;
  placeholder(index: number): string;
  open(): Promise<void>;
  close(): Promise<void>;
  run(sql: string, params?: unknown[]): Promise<Row[]>;
  /** The driver's prepared-statement API: one statement prepared once, executed per call. */
  prepared(sql: string): (params: unknown[]) => Promise<Row[]>;
  /** The driver's own transaction API running `body` inside BEGIN … COMMIT. */
  transaction(body: (run: (sql: string, params?: unknown[]) => Promise<Row[]>) => Promise<void>): Promise<void>;
  /** Runs a statement through a pool limited to one connection (or the driver's single connection). */
  pooled(sql: string, params?: unknown[]): Promise<Row[]>;
  /** The object given to trackQueries. */
  target(): object;
  /** The driver's hooked methods, to check that untracking puts the originals back. */
  hookedMethods(): unknown[];
}
