export { succeedingStandIn } from './succeed.js';
