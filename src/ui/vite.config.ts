import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where the console is built: dist/console/ at the package root, served by the emulator at /console/. */
export const CONSOLE_OUT_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

// `npm run dev:console` serves the app with hot reload and sends its API calls to a running emulator.
const EMULATOR = process.env.CODEPIPELINE_LOCAL_URL ?? 'http://127.0.0.1:4599';

/** The console's Vite build: a Preact single-page app under /console/, self-contained (no CDN), source maps beside it. */
export default defineConfig({
  root: fileURLToPath(new URL('./app/', import.meta.url)),
  base: '/console/',
  // Preact's automatic JSX runtime, through Vite's own transformer: no Babel, no React plugin.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: CONSOLE_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '^/$': EMULATOR,
      // Not every /console/api path: the app's own source folder api/ is served there in development.
      '^/console/api/(events|context|artifacts)($|[/?])': EMULATOR,
      '/codebuild': EMULATOR,
      '/codedeploy': EMULATOR,
    },
  },
  logLevel: 'warn',
});
