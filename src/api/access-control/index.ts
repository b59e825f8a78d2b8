export { AccessGuard, type AccessGuardDeps } from './guard.js';
export { refusalError } from './refusals.js';
export { registerDenialsRoute, DENIALS_ROUTE } from './denials-route.js';
