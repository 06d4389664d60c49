// The stack cases of bench:patterns: recursion whose depth grows with n (a linked list, a degenerate tree) must fail
// toUseStackAtMost('64 KiB', 5 000) and toScaleAtMost('log n', { metric: 'stack' }); a balanced tree's recursion
// (depth log n) and a loop must pass them ('1' for the loop's growth). Every call takes well under a millisecond.
import { matchers, sized } from '../dist/esm/index.js';

const n = 5_000;

function list(size) {
  let head = null;
  for (let i = 0; i < size; i++) head = { value: i, next: head };
  return head;
}
function sumRecursive(node) {
  return node === null ? 0 : node.value + sumRecursive(node.next);
}
function sumLoop(node) {
  let sum = 0;
  for (let at = node; at !== null; at = at.next) sum += at.value;
  return sum;
}
/** Keys inserted in sorted order into an unbalanced binary search tree: every node hangs right, depth n. */
function degenerateTree(size) {
  let root = null;
  for (let key = size - 1; key >= 0; key--) root = { key, left: null, right: root };
  return root;
}
function balancedTree(size, first = 0) {
  if (size === 0) return null;
  const left = (size - 1) >> 1;
  return { key: first + left, left: balancedTree(left, first), right: balancedTree(size - 1 - left, first + left + 1) };
}
function heightOf(tree) {
  return tree === null ? 0 : 1 + Math.max(heightOf(tree.left), heightOf(tree.right));
}

export function stackCases() {
  const use = (setup, run, expected, name) => ({
    matcher: 'toUseStackAtMost',
    name: `${name} (64 KiB at n = 5 000)`,
    expected,
    assert: () => matchers.toUseStackAtMost.call({}, sized(setup, run), '64 KiB', n),
  });
  const scale = (setup, run, bound, expected, name) => ({
    matcher: "toScaleAtMost(…, 'stack')",
    name: `${name} ('${bound}')`,
    expected,
    assert: () => matchers.toScaleAtMost.call({}, sized(setup, run), bound, { metric: 'stack' }),
  });
  const cases = [
    use(list, sumRecursive, 'fail', 'list walk, recursive'),
    use(degenerateTree, heightOf, 'fail', 'degenerate-tree recursion'),
    use(balancedTree, heightOf, 'pass', 'balanced-tree recursion'),
    use(list, sumLoop, 'pass', 'list walk, loop'),
    scale(list, sumRecursive, 'log n', 'fail', 'list walk, recursive'),
    scale(degenerateTree, heightOf, 'log n', 'fail', 'degenerate-tree recursion'),
    scale(balancedTree, heightOf, 'log n', 'pass', 'balanced-tree recursion'),
    scale(list, sumLoop, '1', 'pass', 'list walk, loop'),
  ];
  return { cases, close: async () => undefined };
}
