/** Where a member travels in a rest protocol request or response (botocore's `location`). */
export type MemberLocation = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

/** A reference from a structure, list or map to a shape, with the serialisation traits botocore puts on it. */
export interface ShapeRef {
  shape: string;
  idempotencyToken?: boolean;
  location?: MemberLocation;
  locationName?: string;
  queryName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
  xmlNamespace?: string | { prefix?: string; uri: string };
  timestampFormat?: TimestampFormat;
  jsonvalue?: boolean;
  streaming?: boolean;
}

/** The timestamp formats botocore names. */
export type TimestampFormat = 'iso8601' | 'unixTimestamp' | 'rfc822';

/** A shape of a botocore service model, with the members this server reads. */
export interface ModelShape {
  type: 'structure' | 'string' | 'integer' | 'long' | 'boolean' | 'list' | 'map' | 'timestamp' | 'blob' | 'double' | 'float';
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  exception?: boolean;
  /** The awsQueryError trait: the code and status a query-compatible error is sent with. */
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  /** The member that is the whole HTTP body of a rest protocol message. */
  payload?: string;
  flattened?: boolean;
  locationName?: string;
  timestampFormat?: TimestampFormat;
  streaming?: boolean;
  xmlNamespace?: string | { prefix?: string; uri: string };
}

/** An operation of a botocore service model. */
export interface ModelOperation {
  name: string;
  /** The rest protocols' route: method and URI template (`/{Bucket}/{Key+}?uploads`). */
  http?: { method: string; requestUri: string; responseCode?: number };
  input?: ShapeRef & { locationName?: string };
  output?: ShapeRef & { resultWrapper?: string };
  errors?: { shape: string }[];
  deprecated?: boolean;
}

/** The wire protocols botocore models name. */
export type ProtocolName = 'json' | 'rest-json' | 'query' | 'rest-xml' | 'smithy-rpc-v2-cbor' | 'ec2';

/** A botocore service model (service-2.json), as copied into src/model/aws/ by scripts/extract-aws-models.py. */
export interface ServiceModel {
  metadata: {
    targetPrefix?: string;
    serviceId: string;
    apiVersion: string;
    jsonVersion?: string;
    protocol?: ProtocolName;
    protocols?: ProtocolName[];
    signingName?: string;
    endpointPrefix?: string;
    xmlNamespace?: string;
    awsQueryCompatible?: Record<string, never>;
  };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

/** Lists the exception names a service model declares. */
export function exceptionNames(model: ServiceModel): string[] {
  return Object.entries(model.shapes).filter(([, s]) => s.exception).map(([name]) => name);
}

/** Lists the protocols a model's clients may speak, newest first as the model orders them. */
export function modelProtocols(model: Pick<ServiceModel, 'metadata'>): ProtocolName[] {
  return model.metadata.protocols ?? (model.metadata.protocol ? [model.metadata.protocol] : ['json']);
}

/** Returns the name SigV4 credential scopes use for a service (`s3`, `monitoring`, `codepipeline`). */
export function signingName(model: Pick<ServiceModel, 'metadata'>): string {
  return model.metadata.signingName ?? model.metadata.endpointPrefix ?? model.metadata.serviceId.toLowerCase();
}

/** Looks a shape up by name through own properties only, so `constructor` or `__proto__` never name one. */
export function shapeOf(model: ServiceModel, name: string): ModelShape | undefined {
  return Object.hasOwn(model.shapes, name) ? model.shapes[name] : undefined;
}
