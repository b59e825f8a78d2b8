export * from './enums.js';
export type * from './pipeline-declaration.js';
export { loadAwsModel, type AwsServiceName } from './aws-models.js';
export { withDefaults, DEFAULT_PIPELINE_TYPE } from './declaration-defaults.js';
export * from './action-types.js';
export { validatePipelineStructure, type StructureProblem } from './structure/index.js';
export * from './execution-records.js';
export { compileGlob, matchesCriteria, globToRegexSource, GlobSyntaxError, type GlobCriteria } from './glob.js';
