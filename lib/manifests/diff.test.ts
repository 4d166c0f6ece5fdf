import { describe, expect, it } from 'vitest';
import { buildDesiredState } from './build';
import { withImage, withReplicas, withService } from './builders';
import { diffStates } from './diff';
import { labelState } from './labels';
import { buildHunks, diffLines, unifiedDiff, type EditOp } from './line-diff';
import { ref } from './test-helpers';

function apply(a: string[], ops: EditOp[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const op of ops) {
    if (op.op === 'equal') {
      expect(op.line).toBe(a[i]);
      out.push(a[i++]);
    } else if (op.op === 'delete') {
      expect(op.line).toBe(a[i]);
      i++;
    } else out.push(op.line);
  }
  expect(i).toBe(a.length);
  return out;
}

/** The LCS length by dynamic programming, to check that Myers found a shortest script. */
function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  return dp[0][0];
}

describe('diffLines (Myers)', () => {
  it.each([
    [[], []],
    [[], ['a', 'b']],
    [['a', 'b'], []],
    [['a', 'b', 'c'], ['a', 'b', 'c']],
    ['ABCABBA'.split(''), 'CBABAC'.split('')],
    [['x', 'a', 'b'], ['a', 'b', 'y']],
    [['a', 'a', 'a'], ['a']],
  ])('%j → %j is a shortest edit script', (a, b) => {
    const ops = diffLines(a, b);
    expect(apply(a, ops)).toEqual(b);
    expect(ops.filter((o) => o.op === 'equal').length).toBe(lcsLength(a, b));
  });

  it('is minimal on random inputs', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(rand() * 15) }, () => 'abcd'[Math.floor(rand() * 4)]);
      const b = Array.from({ length: Math.floor(rand() * 15) }, () => 'abcd'[Math.floor(rand() * 4)]);
      const ops = diffLines(a, b);
      expect(apply(a, ops)).toEqual(b);
      expect(ops.filter((o) => o.op === 'equal').length).toBe(lcsLength(a, b));
    }
  });
});

describe('unified hunks', () => {
  const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);

  it('numbers hunks and keeps 3 lines of context, as diff -u does', () => {
    const next = [...old];
    next[9] = 'changed 10';
    expect(unifiedDiff(old.join('\n'), next.join('\n'), 'a/f', 'b/f')).toBe(
      ['--- a/f', '+++ b/f', '@@ -7,7 +7,7 @@', ' line 7', ' line 8', ' line 9', '-line 10', '+changed 10', ' line 11', ' line 12', ' line 13', ''].join('\n'),
    );
  });

  it('splits distant changes into separate hunks and merges close ones', () => {
    const far = [...old];
    far[1] = 'x';
    far[18] = 'y';
    expect(buildHunks(diffLines(old, far)).map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [1, 5, 1, 5],
      [16, 5, 16, 5],
    ]);
    const near = [...old];
    near[5] = 'x';
    near[11] = 'y';
    expect(buildHunks(diffLines(old, near)).map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([[3, 13, 3, 13]]);
  });

  it('numbers insertions into and deletions of a whole file like GNU diff', () => {
    expect(unifiedDiff('', 'a\nb\n', 'a', 'b')).toBe('--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedDiff('a\n', '', 'a', 'b')).toBe('--- a\n+++ b\n@@ -1 +0,0 @@\n-a\n');
    expect(unifiedDiff('same\n', 'same\n', 'a', 'b')).toBe('');
  });
});

describe('diffStates', () => {
  const r1 = labelState(buildDesiredState(ref, { name: 'web', image: 'nginx:1.25', replicas: 3, containerPort: 80 }), { appName: 'web', revision: 1 });

  it('an image change: one hunk, one field', () => {
    const r2 = labelState(withImage(r1, { image: 'nginx:1.26' }), { appName: 'web', revision: 2 });
    const diff = diffStates(r1, r2);
    expect(diff.summary).toEqual(['Deployment/web spec.template.spec.containers[web].image: nginx:1.25 → nginx:1.26']);
    expect(diff.unified).toBe(
      [
        '--- a/Deployment/web',
        '+++ b/Deployment/web',
        '@@ -19,6 +19,6 @@',
        '     spec:',
        '       containers:',
        '         - name: web',
        '-          image: nginx:1.25',
        '+          image: nginx:1.26',
        '           ports:',
        '             - containerPort: 80',
        '',
      ].join('\n'),
    );
    expect(diff.objects.map((o) => [o.kind, o.name, o.change])).toEqual([['Deployment', 'web', 'changed']]);
  });

  it('a replica change', () => {
    const r2 = labelState(withReplicas(r1, 5), { appName: 'web', revision: 2 });
    const diff = diffStates(r1, r2);
    expect(diff.summary).toEqual(['Deployment/web spec.replicas: 3 → 5']);
    expect(diff.objects[0].hunks).toHaveLength(1);
    expect(diff.objects[0].hunks[0].lines.filter((l) => l.startsWith('-') || l.startsWith('+'))).toEqual(['-  replicas: 3', '+  replicas: 5']);
  });

  it('an added Service, and its removal', () => {
    const r2 = labelState(withService(r1, { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), { appName: 'web', revision: 2 });
    const added = diffStates(r1, r2);
    expect(added.summary).toEqual(['Service "web" added']);
    expect(added.objects[0].change).toBe('added');
    expect(added.unified).toBe(
      [
        '--- /dev/null',
        '+++ b/Service/web',
        '@@ -0,0 +1,16 @@',
        '+apiVersion: v1',
        '+kind: Service',
        '+metadata:',
        '+  name: web',
        '+  namespace: team-a',
        '+  labels:',
        '+    app.kubernetes.io/managed-by: berth',
        '+    app.kubernetes.io/name: web',
        '+spec:',
        '+  ports:',
        '+    - nodePort: 30080',
        '+      port: 80',
        '+      protocol: TCP',
        '+  selector:',
        '+    app.kubernetes.io/name: web',
        '+  type: NodePort',
        '',
      ].join('\n'),
    );
    const removed = diffStates(r2, r1);
    expect(removed.summary).toEqual(['Service "web" removed']);
    expect(removed.unified.split('\n').slice(0, 3)).toEqual(['--- a/Service/web', '+++ /dev/null', '@@ -1,16 +0,0 @@']);
  });

  it('ignores the revision annotation unless asked, so identical revisions diff empty', () => {
    const r2 = labelState(r1, { appName: 'web', revision: 2 });
    expect(diffStates(r1, r2)).toEqual({ objects: [], unified: '', summary: [] });
    expect(diffStates(r1, r2, { includeRevisionAnnotation: true }).summary).toEqual(['Deployment/web metadata.annotations["berth.dev/revision"]: 1 → 2']);
  });

  it('diffs from nothing (the first deploy)', () => {
    expect(diffStates({}, r1).summary).toEqual(['Deployment "web" added']);
  });

  it('names list elements in the summary: env, sidecars, ports', () => {
    const a = buildDesiredState(ref, { name: 'web', image: 'nginx', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] });
    const b = buildDesiredState(ref, { name: 'web', image: 'nginx', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }], sidecars: [{ name: 'log', image: 'fluent-bit:3' }] });
    expect(diffStates(a, b).summary).toEqual([
      'Deployment/web spec.template.spec.containers[web].env[A]: {"name":"A","value":"1"} → (none)',
      'Deployment/web spec.template.spec.containers[web].env[B].value: 2 → 3',
      'Deployment/web spec.template.spec.containers[web].env[C]: (none) → {"name":"C","value":"4"}',
      'Deployment/web spec.template.spec.containers[log]: (none) → {"image":"fluent-bit:3","name":"log"}',
    ]);
  });
});
