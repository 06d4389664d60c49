/**
 * Where allocated bytes came from: the user's function that allocated them (directly, or through the builtin or
 * library function named in `via`), and how many bytes the sampling heap profiler attributed to it.
 *
 * @example
 * const { sites: [top] } = await profileAllocationSites(() => chain(rows), probe, { expectedBytes: 80_000 });
 * console.log(`${top.functionName} ${top.file}:${top.line} ${top.bytes} B`);
 */
export interface AllocationSite {
  /** Name of the user's function, `(anonymous)` when it has none. */
  functionName: string;
  /** Path of its file (relative to the working directory when inside it), or the frame's URL. */
  file: string;
  /** 1-based line where the function starts (V8 attributes samples to functions, not to lines). */
  line: number;
  /** The builtin or library function that made the allocation on the user's behalf, e.g. `map`. */
  via?: string;
  /** Bytes attributed to this site, scaled from the samples. */
  bytes: number;
}
