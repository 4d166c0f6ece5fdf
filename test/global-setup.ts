// Vitest global setup: nothing global yet. Integration suites provision their own database
// (see test/db.ts) and their own sandbox (startSandbox) so they can run in parallel.
export default function setup(): void {}
