export * from './contract.js';
export { ProviderRegistry } from './registry.js';
export { manualApprovalProvider } from './approval/manual.js';
