export { openDatabase, migrate, type Db } from './database.js';
export { migrations, type Migration } from './migrations.js';
export { PipelineStore, type PipelineRecord } from './pipeline-store.js';
export { TagStore } from './tag-store.js';
export type { Scope } from './scope.js';
export { ExecutionStore } from './execution-store.js';
export { ActionExecutionStore } from './action-execution-store.js';
