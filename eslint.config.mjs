import { defineConfig, globalIgnores } from 'eslint/config';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// app/ and components/ sit above lib/<domain>: they never reach the plumbing (DESIGN.md "Layers").
const plumbingImports = {
  patterns: [
    {
      group: ['**/lib/kube', '**/lib/kube/**', '**/lib/kube-*', '**/lib/kube*'],
      message: 'app/ and components/ go through lib/<domain>, never lib/kube.',
    },
    {
      group: ['**/lib/db', '**/lib/db.ts', '**/lib/db/**'],
      message: 'app/ and components/ go through lib/<domain>, never lib/db.',
    },
    {
      group: ['**/lib/generated', '**/lib/generated/**'],
      message: 'Pass DTOs from lib/<domain>; never Prisma types or the generated client.',
    },
    {
      group: ['**/lib/sandbox', '**/lib/sandbox/**', '**/lib/sandbox*'],
      message: 'The sandbox is reached only over HTTP, never imported by the portal.',
    },
  ],
};

export default defineConfig([
  globalIgnores(['.next/**', 'lib/generated/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // Tool config files export their config object directly, as the tools document.
    files: ['**/*.config.{js,mjs,ts}'],
    rules: { 'import/no-anonymous-default-export': 'off' },
  },
  {
    // Plain TypeScript outside the UI has no React hooks; functions like useDatabase are not hooks.
    files: ['lib/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    // Integration tests next to actions set up rows and assert on them directly.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', plumbingImports] },
  },
]);
