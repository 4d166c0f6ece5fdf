// Line diff (Myers, "An O(ND) Difference Algorithm and Its Variations", 1986) and unified hunks.

export type EditOp = { op: 'equal' | 'delete' | 'insert'; line: string };

/** The shortest edit script turning `a` into `b`, deletions before insertions within a change. */
export function diffLines(a: string[], b: string[]): EditOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  const v = new Array<number>(2 * max + 2).fill(0);
  const trace: number[][] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }

  const ops: EditOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: 'equal', line: a[x - 1] });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: 'insert', line: b[y - 1] });
      else ops.push({ op: 'delete', line: a[x - 1] });
      x = prevX;
      y = prevY;
    }
  }
  return ops.reverse();
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Lines prefixed with ' ', '-' or '+'. */
  lines: string[];
}

/** Groups an edit script into hunks with `context` unchanged lines around each change, as `diff -u` does. */
export function buildHunks(ops: EditOp[], context = 3): Hunk[] {
  const changed = ops.map((o, i) => (o.op === 'equal' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return [];
  const ranges: [number, number][] = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(ops.length - 1, i + context);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  let o = 0;
  let nw = 0;
  for (const op of ops) {
    oldBefore.push(o);
    newBefore.push(nw);
    if (op.op !== 'insert') o++;
    if (op.op !== 'delete') nw++;
  }
  return ranges.map(([start, end]) => {
    const slice = ops.slice(start, end + 1);
    const oldLines = slice.filter((op) => op.op !== 'insert').length;
    const newLines = slice.filter((op) => op.op !== 'delete').length;
    return {
      // GNU diff numbers an empty range by the line before it.
      oldStart: oldLines === 0 ? oldBefore[start] : oldBefore[start] + 1,
      oldLines,
      newStart: newLines === 0 ? newBefore[start] : newBefore[start] + 1,
      newLines,
      lines: slice.map((op) => `${op.op === 'equal' ? ' ' : op.op === 'delete' ? '-' : '+'}${op.line}`),
    };
  });
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}

export function formatHunk(hunk: Hunk): string {
  return [`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines].join('\n');
}

/** Splits text into lines without the trailing empty line a final newline would give. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A unified diff of two texts (empty string when equal). */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  const hunks = buildHunks(diffLines(splitLines(oldText), splitLines(newText)), context);
  if (hunks.length === 0) return '';
  return [`--- ${oldName}`, `+++ ${newName}`, ...hunks.map(formatHunk)].join('\n') + '\n';
}
