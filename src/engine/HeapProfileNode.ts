/**
 * A node of V8's sampling heap profile (the shape `HeapProfiler.stopSampling` returns): a call frame, the bytes
 * sampled as allocated directly in it, and its callees.
 *
 * @example
 * const bytes = (node: HeapProfileNode): number => node.selfSize + node.children.reduce((s, c) => s + bytes(c), 0);
 */
export interface HeapProfileNode {
  callFrame: {
    functionName: string;
    /** A file URL or path; empty for V8 builtins and native code. */
    url: string;
    /** 0-based line of the function's start. */
    lineNumber: number;
    columnNumber: number;
  };
  /** Bytes attributed to this frame itself, scaled from the samples. */
  selfSize: number;
  children: HeapProfileNode[];
}
