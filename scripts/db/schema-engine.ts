// Loads @prisma/schema-engine-wasm by hand: its package entry imports the .wasm as an ES module,
// which Node 20 only allows behind --experimental-wasm-modules (stack-notes §5, E10).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { createMigrationAdapterFactory } from './pg-adapter';

type BindgenModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let loaded: Promise<BindgenModule> | undefined;

declare global {
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

async function instantiateEngine(): Promise<BindgenModule> {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      console.error(`schema engine panic: ${message}`);
    },
  };
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = (await import(pathToFileURL(bindingsPath).href)) as BindgenModule;
  const wasmBytes = await readFile(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'));
  const imports = { './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports };
  const { instance } = await WebAssembly.instantiate(wasmBytes, imports);
  bindings.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === 'function') start();
  return bindings;
}

function loadEngineModule(): Promise<BindgenModule> {
  loaded ??= instantiateEngine().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

export interface OpenedEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

export async function openSchemaEngine(databaseUrl: string, schemaPath: string): Promise<OpenedEngine> {
  const bindings = await loadEngineModule();
  const schemaText = await readFile(schemaPath, 'utf8');
  const adapterFactory = createMigrationAdapterFactory(databaseUrl);
  const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, schemaText]] },
    () => {},
    factory,
  );
  return {
    engine,
    async close() {
      engine.free();
      await adapterFactory.disposeAll();
    },
  };
}
