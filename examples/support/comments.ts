// Comment threads and two ways to count a thread's comments: recursion, whose stack grows with the thread's depth,
// and a loop over an explicit stack, whose stack does not.
export interface Comment {
  id: number;
  replies: Comment[];
}

/** A conversation in which every comment answers the one before: n comments, n deep. */
export function replyChain(n: number): Comment {
  const root: Comment = { id: 0, replies: [] };
  let last = root;
  for (let id = 1; id < n; id++) {
    const reply: Comment = { id, replies: [] };
    last.replies.push(reply);
    last = reply;
  }
  return root;
}

/** A thread whose replies spread evenly: n comments, about log2(n) deep. */
export function spreadThread(n: number, first = 0): Comment {
  const comment: Comment = { id: first, replies: [] };
  const rest = n - 1;
  if (rest > 0) comment.replies.push(spreadThread(Math.ceil(rest / 2), first + 1));
  if (rest > 1) comment.replies.push(spreadThread(Math.floor(rest / 2), first + 1 + Math.ceil(rest / 2)));
  return comment;
}

/** Counts a thread's comments by recursion: one stack frame per level of the thread. */
export function countCommentsRecursive(comment: Comment): number {
  let count = 1;
  for (const reply of comment.replies) count += countCommentsRecursive(reply);
  return count;
}

/** Counts a thread's comments with a loop over an explicit stack (an array): constant stack at any depth. */
export function countComments(thread: Comment): number {
  const pending = [thread];
  let count = 0;
  for (let comment = pending.pop(); comment !== undefined; comment = pending.pop()) {
    count++;
    for (const reply of comment.replies) pending.push(reply);
  }
  return count;
}
