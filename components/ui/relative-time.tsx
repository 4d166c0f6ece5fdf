'use client';

import { useSyncExternalStore } from 'react';
import { formatTimestamp } from './format';

/** kubectl-style age ("45s", "3m", "2h", "5d"). */
export function formatAge(iso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

// One shared ticking clock for every RelativeTime on the page.
let clock = 0;
let timer: number | undefined;
const listeners = new Set<() => void>();

function subscribeToClock(listener: () => void): () => void {
  listeners.add(listener);
  clock = Date.now();
  timer ??= window.setInterval(() => {
    clock = Date.now();
    for (const notify of listeners) notify();
  }, 5_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

const readClock = (): number | null => clock || null;
const readServerClock = (): number | null => null;

/** A time shown as an age that keeps counting; the exact UTC time is in the tooltip and for screen readers. */
export function RelativeTime({ iso, suffix = '' }: { iso: string | null; suffix?: string }) {
  const now = useSyncExternalStore(subscribeToClock, readClock, readServerClock);
  if (!iso) return <span className="text-slate-400">—</span>;
  const exact = formatTimestamp(iso);
  // The server has no idea of the viewer's clock; until mounted the exact time stands in.
  return (
    <time dateTime={iso} title={exact} className="tabular-nums">
      {now === null ? exact : `${formatAge(iso, now)}${suffix}`}
    </time>
  );
}
