import { requireActor } from '@/lib/access/require';
import { getCurrentActor } from '@/lib/auth/actor';
import { respondWithError } from '@/lib/live/error-response';
import { openLiveEventStream, parseLiveRequest } from '@/lib/live/event-stream';

// One server-sent-events stream per browser tab: GET /api/events?apps=<id>,<id>&detail=<id>.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  try {
    // Signed-out callers hear 401 whatever they asked for.
    const actor = requireActor(await getCurrentActor());
    const live = parseLiveRequest(new URL(request.url).searchParams);
    const stream = await openLiveEventStream(actor, live, { signal: request.signal });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        // Proxies such as nginx would otherwise hold events back until a buffer fills.
        'x-accel-buffering': 'no',
      },
    });
  } catch (error) {
    return respondWithError(error);
  }
}
