export { JobRefusal, type JobRefusalCode } from './job-refusal.js';
export { renderUrlTemplate } from './url-templates.js';
export { CustomActionTypes, CUSTOM_ACTION_TYPES_PER_REGION } from './custom-action-types.js';
export { JobQueue, DEFAULT_JOB_LIMITS, isFinished, type JobLimits, type NewJob } from './job-queue.js';
export { jobDataOf } from './job-data.js';
export { parseStandIns, standInPolicyOf, STAND_IN_POLICIES, type StandInPolicy, type StandInPolicies } from './stand-ins.js';
