import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../clock';
import { createWorkQueue, type WorkQueue } from './work-queue';
import { waitFor } from './test-support';

let queue: WorkQueue | undefined;
afterEach(() => queue?.stop());

describe('work queue', () => {
  it('coalesces a burst of adds of one key into a single sync', async () => {
    const seen: string[] = [];
    queue = createWorkQueue(createClock(1), (k) => seen.push(k), 'test');
    for (let i = 0; i < 100; i++) {
      queue.add('a');
      queue.add('b');
    }
    await waitFor('sync', () => seen.length === 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['a', 'b']);
  });

  it('retries a failing sync with back-off', async () => {
    let calls = 0;
    queue = createWorkQueue(createClock(1), () => {
      calls++;
      if (calls < 3) throw new Error('conflict');
    }, 'test');
    queue.add('x');
    await waitFor('third attempt', () => calls === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(3);
  });

  it('keeps only the earliest delayed add and honours the clock speed', async () => {
    const seen: number[] = [];
    const start = Date.now();
    queue = createWorkQueue(createClock(100), () => seen.push(Date.now() - start), 'test');
    queue.addAfter('k', 60);
    queue.addAfter('k', 5);
    queue.addAfter('k', 30);
    await waitFor('delayed sync', () => seen.length === 1);
    expect(seen[0]).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 700));
    expect(seen).toHaveLength(1);
  });
});
