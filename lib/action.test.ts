import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { getCurrentActor } from '@/lib/auth/actor';
import { BerthError } from '@/lib/errors';
import { defineAction, formDataToObject } from './action';

vi.mock('@/lib/auth/actor', () => ({ getCurrentActor: vi.fn() }));

const actor = { kind: 'user', id: 'u1', email: 'a@example.com', name: 'A', isAdmin: true } as const;

describe('formDataToObject', () => {
  it('keeps single values, collects repeated and [] fields into arrays, drops Next’s $ACTION fields', () => {
    const form = new FormData();
    form.append('name', 'web');
    form.append('tags', 'a');
    form.append('tags', 'b');
    form.append('ids[]', 'only');
    form.append('$ACTION_ID_123', '');
    expect(formDataToObject(form)).toEqual({ name: 'web', tags: ['a', 'b'], ids: ['only'] });
  });
});

describe('defineAction', () => {
  const schema = z.object({ replicas: z.coerce.number().int().min(0, 'Replicas cannot be negative.') });

  it('parses, passes the actor, revalidates outside Next without failing, and returns data', async () => {
    vi.mocked(getCurrentActor).mockResolvedValue(actor);
    const operation = vi.fn(async (_actor: unknown, input: { replicas: number }) => input.replicas * 2);
    const action = defineAction(schema, operation, { revalidate: ['/apps'] });
    const form = new FormData();
    form.set('replicas', '3');
    expect(await action(form)).toEqual({ ok: true, data: 6 });
    expect(operation).toHaveBeenCalledWith(actor, { replicas: 3 });
  });

  it('returns field errors for bad input without calling the operation', async () => {
    vi.mocked(getCurrentActor).mockResolvedValue(actor);
    const operation = vi.fn(async () => 0);
    const result = await defineAction(schema, operation)({ replicas: -1 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Replicas cannot be negative.', fieldErrors: { replicas: ['Replicas cannot be negative.'] } },
    });
    expect(operation).not.toHaveBeenCalled();
  });

  it('maps a BerthError to its code and message', async () => {
    vi.mocked(getCurrentActor).mockResolvedValue(actor);
    const action = defineAction(schema, async () => {
      throw new BerthError('CLUSTER_UNAVAILABLE', 'The cluster prod is not reachable.');
    });
    expect(await action({ replicas: 1 })).toEqual({
      ok: false,
      error: { code: 'CLUSTER_UNAVAILABLE', message: 'The cluster prod is not reachable.', fieldErrors: undefined },
    });
  });
});
