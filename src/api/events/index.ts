export { registerEventStreamRoute, filterOf, EVENTS_ROUTE } from './event-stream-route.js';
