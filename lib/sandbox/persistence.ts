// State on disk for `--data <dir>`: one JSON snapshot (every object + the resourceVersion counter),
// written after changes settle (debounced) by write-temp + fsync + rename + fsync(dir), so a crash at
// any moment leaves either the previous snapshot or the new one, never a torn file.
import { open, readFile, rename, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxCore } from './api';
import { jsonOf } from './store';
import type { KObject, ResourceKey } from './types';

const FILE = 'state.json';

export interface Snapshot {
  rv: number;
  objects: Array<{ resource: ResourceKey; object: KObject }>;
}

export async function loadSnapshot(dir: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as { format?: number; rv?: number; objects?: Snapshot['objects'] };
  if (parsed.format !== 1 || typeof parsed.rv !== 'number' || !Array.isArray(parsed.objects)) {
    throw new Error(`${join(dir, FILE)} is not a sandbox state file`);
  }
  return { rv: parsed.rv, objects: parsed.objects };
}

function serialize(core: SandboxCore): string {
  const parts: string[] = [];
  for (const resource of core.store.resources()) {
    for (const s of core.store.scan(resource)) parts.push(`{"resource":${JSON.stringify(resource)},"object":${jsonOf(s)}}`);
  }
  return `{"format":1,"rv":${core.store.currentRv()},"objects":[\n${parts.join(',\n')}\n]}\n`;
}

/** Atomically replaces `dir/state.json` with `contents`. */
export async function writeAtomically(dir: string, contents: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, FILE);
  const tmp = `${target}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(contents);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, target);
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  } finally {
    await dh.close();
  }
}

export interface Persistence {
  /** Writes any pending change now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function startPersistence(core: SandboxCore, dir: string, debounceMs = 250): Persistence {
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = undefined;
    if (!dirty) return writing;
    dirty = false;
    const contents = serialize(core);
    writing = writing.then(() => writeAtomically(dir, contents)).catch((err) => console.error('[sandbox] could not save state:', err));
    return writing;
  };
  const unsubscribe = core.subscribe(() => {
    dirty = true;
    if (!timer) timer = setTimeout(write, debounceMs);
  });
  void rm(join(dir, `${FILE}.${process.pid}.tmp`), { force: true });
  return {
    async flush() {
      if (timer) clearTimeout(timer);
      await write();
      await writing;
    },
    async close() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      await write();
      await writing;
    },
  };
}
