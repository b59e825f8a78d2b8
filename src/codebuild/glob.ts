import { createRequire } from 'node:module';

// Required on first use, not imported: only a build's artifacts and cache read glob patterns, and serve's start
// would otherwise compile picomatch before its first answer.
const require = createRequire(import.meta.url);

/** picomatch, loaded the first time a build matches or scans a glob pattern. */
export function picomatch(): typeof import('picomatch') {
  return require('picomatch') as typeof import('picomatch');
}
