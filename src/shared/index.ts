export { createLogger, silentLogger, type Logger, type LoggerOptions } from './logger.js';
export { systemClock, toEpochSeconds, type Clock } from './clock.js';
export { systemTimers, ManualClock, type Timers } from './timers.js';
export { randomIds, randomAlphanumeric, type Ids } from './ids.js';
export { TypedEmitter } from './typed-emitter.js';
export { REGION_PATTERN } from './region.js';
export { objectPath, isBucketName, hasDotSegment } from './object-path.js';
export { packagePath } from './package-path.js';
export { openRotatingFile, type RotatingFileOptions } from './rotating-file.js';
