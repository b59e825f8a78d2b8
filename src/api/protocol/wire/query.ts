import { shapeOf, type ServiceModel } from '../service-model.js';
import type { WireError } from '../wire-error.js';
import { errorCode } from './error-code.js';
import { QueryParams, readQuery } from './query-form.js';
import { buildXml, writeStructure } from './xml-shape.js';
import type { OperationTarget, WireProtocol, WireRequest, WireResponse } from './wire-protocol.js';

const XML_TYPE = 'text/xml';

/** The parameters of a query request: its form body and its query string (clients may send either). */
function params(req: WireRequest): URLSearchParams {
  const all = new URLSearchParams(req.query);
  for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) all.append(k, v);
  return all;
}

function namespace(model: ServiceModel | undefined): Record<string, string> {
  const ns = model?.metadata.xmlNamespace ?? (model ? `https://${model.metadata.endpointPrefix}.amazonaws.com/doc/${model.metadata.apiVersion}/` : undefined);
  return ns ? { '@_xmlns': ns } : {};
}

function serializeOutput(target: OperationTarget, output: unknown, ctx: { requestId: string }): WireResponse {
  const { model, operation } = target;
  const shape = operation.output ? shapeOf(model, operation.output.shape) : undefined;
  const response: Record<string, unknown> = { ...namespace(model) };
  if (shape) {
    const result = writeStructure(model, shape, (output ?? {}) as Record<string, unknown>);
    response[operation.output?.resultWrapper ?? `${operation.name}Result`] = result;
  }
  response.ResponseMetadata = { RequestId: ctx.requestId };
  return { status: 200, headers: { 'content-type': XML_TYPE }, body: buildXml({ [`${operation.name}Response`]: response }) };
}

/** The query protocol (SNS, IAM, STS): form-encoded `Action=...&Version=...`, XML answers wrapped in `<XResult>`. */
export const queryProtocol: WireProtocol = {
  name: 'query',
  operationName: (req) => params(req).get('Action') ?? undefined,
  parseInput(req, target) {
    const input = target.operation.input;
    return input ? readQuery(target.model, input, new QueryParams(params(req)), '') : {};
  },
  serializeOutput,
  serializeError(error: WireError, model, requestId): WireResponse {
    const named = errorCode(model, error);
    // Query services (IAM, STS, SNS) name a model-constraint failure ValidationError, not ValidationException.
    const { code, fault, status } = error.errorName === 'ValidationException' && !(model && shapeOf(model, 'ValidationException')) ? { ...named, code: 'ValidationError' } : named;
    const body = buildXml({ ErrorResponse: { ...namespace(model), Error: { Type: fault, Code: code, Message: error.message }, RequestId: requestId } });
    return { status, headers: { 'content-type': XML_TYPE }, body };
  },
};
