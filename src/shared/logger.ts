import { pino, type Logger } from 'pino';

export type { Logger };

/** Options for the root logger. */
export interface LoggerOptions {
  level?: string;
  /** Pretty, coloured lines for a person at a terminal; JSON lines otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

/** Creates the root logger: the one module-level logger the project allows, made once by main.ts. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (options.pretty) {
    return pino({ level, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  if (options.destination) return pino({ level }, options.destination as pino.DestinationStream);
  return pino({ level });
}

/** A logger that drops everything, for tests that do not read logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
