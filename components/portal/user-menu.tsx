'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';

/** The signed-in user's menu. signOutAction is passed in so this component stays free of server code. */
export function UserMenu({ name, email, isAdmin, signOutAction }: { name: string; email: string; isAdmin: boolean; signOutAction: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const initials = (name || email)
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full py-1 pr-3 pl-1 text-sm text-slate-200 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-400"
      >
        <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-indigo-500 text-xs font-semibold text-white">
          {initials}
        </span>
        <span className="hidden sm:inline">{name || email}</span>
        <span className="sr-only">Account menu</span>
      </button>
      <div
        id={menuId}
        hidden={!open}
        className={cn('absolute right-0 z-40 mt-2 w-64 rounded-lg bg-white py-2 shadow-lg ring-1 ring-slate-200')}
      >
        <div className="border-b border-slate-100 px-4 pb-2">
          <p className="truncate text-sm font-medium text-slate-900">{name}</p>
          <p className="truncate text-xs text-slate-600">{email}</p>
          {isAdmin ? <p className="mt-1 text-xs font-medium text-indigo-700">Platform admin</p> : null}
        </div>
        <form action={signOutAction} className="px-2 pt-2">
          <button
            type="submit"
            className="w-full rounded-md px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
