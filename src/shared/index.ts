export { createLogger, silentLogger, type Logger, type LoggerOptions } from './logger.js';
export { systemClock, toEpochSeconds, type Clock } from './clock.js';
export { randomIds, randomAlphanumeric, type Ids } from './ids.js';
export { TypedEmitter } from './typed-emitter.js';
