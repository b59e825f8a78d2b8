/** A shape of a botocore service model, with the members this server reads. */
export interface ModelShape {
  type: 'structure' | 'string' | 'integer' | 'long' | 'boolean' | 'list' | 'map' | 'timestamp' | 'blob' | 'double' | 'float';
  members?: Record<string, { shape: string; idempotencyToken?: boolean }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  exception?: boolean;
}

/** An operation of a botocore service model. */
export interface ModelOperation {
  name: string;
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

/** A botocore service model (service-2.json), as copied into src/model/aws/ by scripts/extract-aws-models.py. */
export interface ServiceModel {
  metadata: { targetPrefix: string; serviceId: string; apiVersion: string; jsonVersion?: string };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

/** Lists the exception names a service model declares. */
export function exceptionNames(model: ServiceModel): string[] {
  return Object.entries(model.shapes).filter(([, s]) => s.exception).map(([name]) => name);
}
