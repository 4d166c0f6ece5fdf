// Test support: reads a server-sent-events stream into parsed messages as they arrive.
export interface SseMessage {
  event: string;
  data: unknown;
}

export interface SseReader {
  messages: SseMessage[];
  /** Settles when the server closes the stream (or `cancel` is called). */
  ended: Promise<void>;
  endedAt: number | null;
  comments: number;
  cancel(): Promise<void>;
}

export function readSse(stream: ReadableStream<Uint8Array>): SseReader {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const state: SseReader = {
    messages: [],
    endedAt: null,
    comments: 0,
    ended: Promise.resolve(),
    cancel: async () => {
      await reader.cancel();
    },
  };
  let buffer = '';
  state.ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let split = buffer.indexOf('\n\n');
        while (split >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) state.comments += 1;
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data !== '') state.messages.push({ event, data: JSON.parse(data) as unknown });
          split = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Cancelled.
    } finally {
      state.endedAt = Date.now();
    }
  })();
  return state;
}
