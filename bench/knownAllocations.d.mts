/** Workloads whose bytes per call are known from V8's object layout (see knownAllocations.mjs). */
export declare const knownAllocations: { name: string; trueBytes: number; run: () => unknown }[];
