import { createRequire } from 'node:module';

// Required on first use, not imported: buildspecs, appspecs and pipeline files need it, `serve` answering its first
// request does not, and the bundle's server chunk would otherwise compile its 160 KB at every start.
const require = createRequire(import.meta.url);
let loaded: typeof import('yaml') | undefined;

/** The yaml package, loaded the first time a caller parses or inspects YAML. */
export function yaml(): typeof import('yaml') {
  return (loaded ??= require('yaml') as typeof import('yaml'));
}
