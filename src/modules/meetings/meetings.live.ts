/** Small change events for live meeting views. */
export interface LiveEvent {
  readonly type: 'agenda' | 'cards' | 'gratitude' | 'postcards' | 'decisions' | 'notes' | 'roles' | 'replies';
  readonly version: number | null;
}

export type Listener = (event: LiveEvent) => void;

/**
 * In-process publish/subscribe, enough for one app instance. With several instances, each live connection also
 * polls the meeting's version counter (see live.handlers.ts), so a change made on another instance still arrives.
 */
export function createLiveHub() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    subscribe(meetingId: string, listener: Listener): () => void {
      const set = listeners.get(meetingId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(meetingId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(meetingId);
      };
    },
    publish(meetingId: string, event: LiveEvent): void {
      for (const listener of listeners.get(meetingId) ?? []) listener(event);
    },
    listenerCount(meetingId: string): number {
      return listeners.get(meetingId)?.size ?? 0;
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
