'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** A generated password, shown once: Berth stores only its hash, so this is the only chance to copy it. */
export function SecretReveal({ label, value, note }: { label: string; value: string; note: string }) {
  const [isCopied, setCopied] = useState(false);
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-slate-800">{label}</p>
      <div className="flex items-center gap-2">
        <output aria-label={label} className="flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-sm tracking-wide text-emerald-300 select-all">
          {value}
        </output>
        <Button
          variant="secondary"
          size="sm"
          onClick={async () => {
            await navigator.clipboard?.writeText(value);
            setCopied(true);
          }}
        >
          {isCopied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="text-xs text-amber-800">{note}</p>
    </div>
  );
}
