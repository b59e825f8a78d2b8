#!/usr/bin/env node
// Runs the JavaScript bundled from src/ into dist/server/ (`npm run build:server`, run by `prepare` at npm ci),
// so no start pays for transpiling TypeScript or for resolving hundreds of modules.
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code between runs; on Node 20 this is skipped.
module.enableCompileCache?.();
try {
  await import('../dist/server/codepipeline-local.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/server/codepipeline-local.js')) throw error;
  console.error('codepipeline-local: the build is missing (dist/server/); run `npm run build` in the checkout first.');
  process.exitCode = 1;
}
