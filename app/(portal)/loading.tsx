export default function PortalLoading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse space-y-6">
      <span className="sr-only">Loading…</span>
      <div className="space-y-2 border-b border-slate-200 pb-5">
        <div className="h-7 w-48 rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      </div>
      <div className="h-64 rounded-lg bg-white ring-1 ring-slate-200" />
    </div>
  );
}
