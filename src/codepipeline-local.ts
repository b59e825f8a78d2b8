import { runCli } from './cli.js';

// The process entry of `codepipeline-local`: bin/codepipeline-local.js runs its build, and from source
// (tests, `npx tsx src/codepipeline-local.ts`) it runs through tsx. It turns the command's outcome into the exit code.
try {
  const code = await runCli(process.argv.slice(2));
  if (code !== undefined) process.exitCode = code;
} catch (error) {
  console.error(`codepipeline-local: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
