export { jobWorkerProvider, type JobWorkerDeps, type JobDispatch } from './job-worker.js';
