export { jobWorkerProvider, type JobWorkerDeps } from './job-worker.js';
