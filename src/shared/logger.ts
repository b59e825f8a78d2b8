import { createRequire } from 'node:module';
import type { Logger, pino as Pino } from 'pino';

export type { Logger };

/** Options for the root logger. */
export interface LoggerOptions {
  level?: string;
  /** Pretty, coloured lines for a person at a terminal; JSON lines otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

// pino is required on first use, not imported: short commands (`--version`, `wait`) load shared/ but never log.
const require = createRequire(import.meta.url);
const loadPino = (): typeof Pino => (require('pino') as { pino: typeof Pino }).pino;

/** Creates the root logger: the one module-level logger the project allows, made once by main.ts. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (options.pretty) {
    // In this thread, not as a transport: a transport's worker thread would hold about 10 MB more for the server's life.
    const pretty = require('pino-pretty') as (options: object) => Pino.DestinationStream;
    return loadPino()({ level }, pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' }));
  }
  if (options.destination) return loadPino()({ level }, options.destination as Pino.DestinationStream);
  return loadPino()({ level });
}

/** A logger that drops everything, for tests that do not read logs. */
export function silentLogger(): Logger {
  return loadPino()({ level: 'silent' });
}
