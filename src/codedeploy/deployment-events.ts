import { TypedEmitter } from '../shared/index.js';
import type { DeploymentRecord, DeploymentTargetRecord } from '../store/index.js';

/** Every event of deployments, named `noun:verb` in the past tense; the payload is the record after the change. */
export interface DeploymentEvents extends Record<string, unknown> {
  'deployment:created': DeploymentRecord;
  'deployment:started': DeploymentRecord;
  'deployment:ended': DeploymentRecord;
  'target:updated': DeploymentTargetRecord;
}

/** The deployments' event bus: the pipeline action, the logger and tests subscribe to it. */
export class DeploymentEventBus extends TypedEmitter<DeploymentEvents> {}
