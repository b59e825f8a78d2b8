#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm ci` is the only install step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
try {
  const code = await runCli(process.argv.slice(2));
  if (code !== undefined) process.exitCode = code;
} catch (error) {
  console.error(`codepipeline-local: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
