'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cn } from './cn';

const widths = { md: 'max-w-md', lg: 'max-w-2xl', xl: 'max-w-4xl' } as const;

/**
 * Dialog's wider sibling (for diffs and editors): the native <dialog> traps focus and closes on Escape;
 * the body scrolls inside the viewport.
 */
export function Modal({
  open,
  onClose,
  title,
  description,
  size = 'lg',
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  size?: keyof typeof widths;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
      className={cn('m-auto max-h-[90vh] w-[calc(100%-2rem)] overflow-y-auto rounded-xl bg-white p-0 text-left font-normal whitespace-normal shadow-xl backdrop:bg-slate-900/40', widths[size])}
    >
      {open ? (
        <div className="relative p-6">
          <h2 id={titleId} className="pr-8 text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
          <div className="mt-4">{children}</div>
          {/* Last in the DOM, so opening the dialog focuses its first field rather than Close. */}
          <button
            type="button"
            onClick={onClose}
            aria-label="Close"
            className="absolute top-5 right-5 rounded p-1 text-xl leading-none text-slate-500 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            ×
          </button>
        </div>
      ) : null}
    </dialog>
  );
}
