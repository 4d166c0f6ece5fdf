// app.set_image: `kubectl set image` for one container (the app's own by default). DEPLOYER.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { withImage } from '@/lib/manifests';
import { loadAppForChange } from './app-scope';
import { runChange } from './change';
import { changeEnvelope } from './inputs';
import type { ChangeResult } from './types';

export const setAppImageInput = z.object({ ...changeEnvelope, container: z.unknown().optional(), image: z.unknown().optional() });
export type SetAppImageInput = z.input<typeof setAppImageInput>;

export async function setAppImage(actor: AnyActor | null, raw: SetAppImageInput): Promise<ChangeResult> {
  const input = parseInput(setAppImageInput, raw);
  const app = await loadAppForChange(actor, input.appId, 'app.deploy', 'app.set_image');
  const image = typeof input.image === 'string' ? input.image.trim() : input.image;
  return runChange({
    actor: actor!,
    app,
    action: 'app.set_image',
    operation: 'set_image',
    params: { container: typeof input.container === 'string' ? input.container : undefined, image: typeof image === 'string' ? image : undefined, preview: input.preview || undefined, force: input.force || undefined },
    preview: input.preview,
    force: input.force,
    changeCause: input.changeCause ?? `Set image to ${String(image)}`,
    plan: (current) => withImage(current, { container: input.container as string | undefined, image: image as string }),
  });
}
