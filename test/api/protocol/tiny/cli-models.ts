import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProtocolName } from '../../../../src/api/protocol/index.js';
import { botocoreModel } from './botocore-model.js';

/**
 * Writes a copy of a botocore model that offers only one protocol into `dir`, for AWS_DATA_PATH: botocore speaks the
 * first protocol of its own priority list that a model offers, so this is how the CLI is made to speak each one.
 */
export function modelSpeaking(dir: string, service: string, apiVersion: string, protocol: ProtocolName): string {
  const model = botocoreModel(service);
  model.metadata.protocol = protocol;
  model.metadata.protocols = [protocol];
  const root = join(dir, protocol);
  mkdirSync(join(root, service, apiVersion), { recursive: true });
  writeFileSync(join(root, service, apiVersion, 'service-2.json'), JSON.stringify(model));
  return root;
}
