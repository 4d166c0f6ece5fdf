// Programmatic fault injection for tests of clients' failure handling: make the API unavailable
// (503 Status or refused connections), slow (added latency per request), or drop open watches.

export interface FaultState {
  unavailable: false | '503' | 'refuse';
  latencyMs: number;
}

export interface Faults {
  /** '503': every request answers 503 ServiceUnavailable; 'refuse': the port stops accepting connections. */
  setUnavailable(mode: false | '503' | 'refuse'): Promise<void>;
  /** Added delay before every request is handled. */
  setLatency(ms: number): void;
  /**
   * Ends every open watch: 'abort' (default) drops the connection mid-stream; 'end' closes the stream
   * cleanly, as a server-side watch timeout does, so well-behaved clients re-watch from their last RV.
   */
  dropWatches(mode?: 'abort' | 'end'): void;
  /** Back to normal service. */
  reset(): Promise<void>;
  readonly state: Readonly<FaultState>;
}

export function createFaults(hooks: { stopListening(): Promise<void>; startListening(): Promise<void>; dropWatches(mode?: 'abort' | 'end'): void }): { faults: Faults; state: FaultState } {
  const state: FaultState = { unavailable: false, latencyMs: 0 };
  const faults: Faults = {
    state,
    async setUnavailable(mode) {
      const wasRefusing = state.unavailable === 'refuse';
      state.unavailable = mode;
      if (mode === 'refuse' && !wasRefusing) {
        hooks.dropWatches();
        await hooks.stopListening();
      } else if (mode !== 'refuse' && wasRefusing) {
        await hooks.startListening();
      }
    },
    setLatency(ms) {
      state.latencyMs = Math.max(0, ms);
    },
    dropWatches: (mode) => hooks.dropWatches(mode),
    async reset() {
      await faults.setUnavailable(false);
      state.latencyMs = 0;
    },
  };
  return { faults, state };
}
