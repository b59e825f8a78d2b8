import type { InputSchemas } from './input-schema.js';
import { scopeService } from './request-context.js';
import { modelProtocols, signingName, type ProtocolName } from './service-model.js';
import { serviceMetadata, type ServiceDefinition } from './service-definition.js';
import { findRestOperation } from './wire/uri-template.js';
import { jsonProtocol } from './wire/json.js';
import { queryProtocol } from './wire/query.js';
import { restJsonProtocol } from './wire/rest-json.js';
import { restXmlProtocol } from './wire/rest-xml.js';
import { rpcV2CborProtocol, rpcV2Path } from './wire/rpc-v2-cbor.js';
import type { WireProtocol, WireRequest } from './wire/wire-protocol.js';

/** A hosted service with its compiled input schemas. */
export interface HostedService {
  definition: ServiceDefinition;
  schemas: InputSchemas;
}

/** Where a request goes: the service (when one is found), the protocol it speaks, and its path inside the service. */
export interface Route {
  service?: HostedService;
  protocol: WireProtocol;
  path: string;
}

const PROTOCOLS: Partial<Record<ProtocolName, WireProtocol>> = {
  json: jsonProtocol,
  'rest-json': restJsonProtocol,
  query: queryProtocol,
  'rest-xml': restXmlProtocol,
  'smithy-rpc-v2-cbor': rpcV2CborProtocol,
};
const REST: ProtocolName[] = ['rest-json', 'rest-xml'];
const VIRTUAL_HOST = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.localhost\.?(?::\d+)?$/i;

function speaks(service: HostedService, protocol: ProtocolName): boolean {
  return modelProtocols({ metadata: serviceMetadata(service.definition) }).includes(protocol);
}

function restProtocol(service: HostedService): WireProtocol | undefined {
  const name = REST.find((p) => speaks(service, p));
  return name ? PROTOCOLS[name] : undefined;
}

/** Picks a request's service and protocol: SigV4 scope first, then `X-Amz-Target`, the RPC v2 path, the form's Action, the rest path and host. */
export class Router {
  private readonly byTarget = new Map<string, HostedService>();
  private readonly bySigningName = new Map<string, HostedService>();

  constructor(private readonly services: HostedService[]) {
    for (const service of services) {
      // The metadata only: a service's model is loaded by the first request that routes to it.
      const metadata = serviceMetadata(service.definition);
      const name = signingName({ metadata });
      if (metadata.targetPrefix) this.byTarget.set(metadata.targetPrefix, service);
      if (!this.bySigningName.has(name)) this.bySigningName.set(name, service);
    }
  }

  /** Routes one request; undefined when nothing here serves its method and path. */
  route(req: WireRequest, credential: string | undefined): Route | undefined {
    const scoped = this.bySigningName.get(scopeService(credential) ?? '');
    const target = req.headers['x-amz-target'];
    if (target !== undefined && req.method === 'POST') {
      const dot = target.lastIndexOf('.');
      return { service: (dot < 0 ? undefined : this.byTarget.get(target.slice(0, dot))) ?? scoped, protocol: jsonProtocol, path: req.path };
    }
    const rpc = rpcV2Path(req.path);
    if (rpc && (req.headers['smithy-protocol'] === 'rpc-v2-cbor' || req.method === 'POST')) {
      return { service: this.byTarget.get(rpc.service) ?? scoped, protocol: rpcV2CborProtocol, path: req.path };
    }
    if (this.isForm(req)) {
      const service = scoped && speaks(scoped, 'query') ? scoped : this.queryService(req);
      if (service) return { service, protocol: queryProtocol, path: req.path };
    }
    const rest = this.restRoute(req, scoped);
    if (rest) return rest;
    // A bare POST / is the JSON protocol without its target header: answered as such, naming what is missing.
    if (req.method === 'POST' && req.path === '/') return { service: undefined, protocol: jsonProtocol, path: req.path };
    return undefined;
  }

  private isForm(req: WireRequest): boolean {
    const type = req.headers['content-type'] ?? '';
    return type.startsWith('application/x-www-form-urlencoded') || (req.method === 'GET' && req.query.has('Action'));
  }

  /** An unsigned query call: the query service that has the Action (and the Version, when sent). */
  private queryService(req: WireRequest): HostedService | undefined {
    const form = new URLSearchParams(req.body.toString('utf8'));
    const action = form.get('Action') ?? req.query.get('Action');
    const version = form.get('Version') ?? req.query.get('Version');
    return this.services.find((s) => {
      const { model } = s.definition;
      return speaks(s, 'query') && action !== null && Object.hasOwn(model.operations, action) && (version === null || version === model.metadata.apiVersion);
    });
  }

  private restRoute(req: WireRequest, scoped: HostedService | undefined): Route | undefined {
    // The scope names the service outright; unsigned calls try each rest service, S3's catch-all `/{Bucket}` last.
    const candidates = scoped ? [scoped] : [...this.services].sort((a, b) => Number(isS3(a)) - Number(isS3(b)));
    for (const service of candidates) {
      const protocol = restProtocol(service);
      if (!protocol) continue;
      const path = isS3(service) ? s3Path(req) : req.path;
      if (scoped || findRestOperation(service.definition.model, req, path)) return { service, protocol, path };
    }
    return undefined;
  }
}

function isS3(service: HostedService): boolean {
  return signingName({ metadata: serviceMetadata(service.definition) }) === 's3';
}

/** S3's path with a virtual-host bucket (`bucket.localhost`) put back in front, so one set of templates serves both styles. */
function s3Path(req: WireRequest): string {
  const bucket = VIRTUAL_HOST.exec(req.headers.host ?? '')?.[1];
  return bucket ? `/${bucket}${req.path === '/' ? '' : req.path}` : req.path;
}
