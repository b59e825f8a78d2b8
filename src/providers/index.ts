export * from './contract.js';
export { ProviderRegistry } from './registry.js';
export { manualApprovalProvider, DEFAULT_APPROVAL_TIMEOUT_MINUTES } from './approval/manual.js';
