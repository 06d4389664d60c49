// The workloads live in heap/knownAllocations.cjs, CommonJS, so that the Jest benchmark project can require them.
export { knownAllocations } from './heap/knownAllocations.cjs';
