// `npm test`: the whole suite, the same on a laptop and on CI.
//   typecheck → lint → vitest (unit, integration against real Postgres, sandbox + real kubectl) →
//   next build → Playwright (Debian chromium).
// DATABASE_URL selects the Postgres server used to create throw-away test databases; when it is unset an
// embedded Postgres is started under .data/test-postgres and stopped afterwards.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

interface Stage {
  name: string;
  cmd: string;
  args: string[];
  /** JSON report whose counts go into the summary line. */
  report?: { file: string; parse: (json: unknown) => { passed: number; failed: number; skipped: number } };
}

const root = path.resolve(import.meta.dirname, '..');
const reportDir = path.join(root, '.data', 'test-reports');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

function parseVitest(json: unknown) {
  const r = json as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests?: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) };
}

function parsePlaywright(json: unknown) {
  const s = (json as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });

  let stopPostgres: (() => Promise<void>) | undefined;
  if (!env.DATABASE_URL) {
    const { startEmbeddedPostgres } = await import('./lib/embedded-postgres');
    const pg = await startEmbeddedPostgres({ dataDir: path.join(root, '.data', 'test-postgres'), port: 54330 });
    env.DATABASE_URL = pg.url('postgres');
    stopPostgres = pg.stop;
    console.log(`[test] embedded Postgres at ${env.DATABASE_URL}`);
  }

  const vitestReport = path.join(reportDir, 'vitest.json');
  const playwrightReport = path.join(reportDir, 'playwright.json');
  const stages: Stage[] = [
    { name: 'typecheck', cmd: 'npx', args: ['tsc', '--noEmit'] },
    { name: 'lint', cmd: 'npx', args: ['eslint', '.', '--max-warnings=0'] },
    {
      name: 'vitest',
      cmd: 'npx',
      args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
      report: { file: vitestReport, parse: parseVitest },
    },
    { name: 'build', cmd: 'npx', args: ['next', 'build'] },
    {
      name: 'e2e',
      cmd: 'npx',
      args: ['playwright', 'test'],
      report: { file: playwrightReport, parse: parsePlaywright },
    },
  ];

  const results: Array<{ name: string; code: number; seconds: number }> = [];
  const totals = { passed: 0, failed: 0, skipped: 0 };
  try {
    for (const stage of stages) {
      if (only.length && !only.includes(stage.name)) continue;
      console.log(`\n[test] ── ${stage.name} ──`);
      const started = Date.now();
      const stageEnv = stage.name === 'e2e' ? { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport } : env;
      const code = await run(stage.cmd, stage.args, stageEnv);
      results.push({ name: stage.name, code, seconds: (Date.now() - started) / 1000 });
      if (stage.report && existsSync(stage.report.file)) {
        const counts = stage.report.parse(JSON.parse(readFileSync(stage.report.file, 'utf8')));
        totals.passed += counts.passed;
        totals.failed += counts.failed;
        totals.skipped += counts.skipped;
      } else if (code !== 0) {
        totals.failed += 1;
      }
      if (code !== 0 && stage.name === 'build') break;
    }
  } finally {
    await stopPostgres?.();
  }

  console.log('\n[test] summary');
  for (const r of results) console.log(`  ${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(10)} ${r.seconds.toFixed(1)} s`);
  const failedStages = results.filter((r) => r.code !== 0).length;
  if (failedStages > 0 && totals.failed === 0) totals.failed = failedStages;
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failedStages > 0 ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
