export { AccessGuard, type AccessGuardDeps } from './guard.js';
export { refusalError } from './refusals.js';
