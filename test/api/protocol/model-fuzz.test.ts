import fc from 'fast-check';
import { DeregisterOnPremisesInstanceCommand, ListOnPremisesInstancesCommand, CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exceptionNames, type ServiceModel } from '../../../src/api/protocol/service-model.js';
import { loadAwsModel, type AwsServiceName } from '../../../src/model/aws-models.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { ModelArbitraries } from '../../helpers/model-arbitrary.js';

/**
 * Inputs tried per operation in `npm test` (60 of 275 operations' worth of requests keep this file near 25 s on two
 * cores, fast-check's seed changes every run so later runs try new inputs); `npm run test:fuzz` tries 500 each.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SERVICES: AwsServiceName[] = ['codepipeline', 'codebuild', 'codedeploy', 'codecommit', 'cloudwatch'];
/** Errors of the protocol itself, which any operation may answer. */
const PROTOCOL_ERRORS = ['SerializationException', 'ValidationException', 'UnknownOperationException', 'InvalidSignatureException'];

/**
 * Errors AWS answers although the model does not list them for the operation (../shared/reference/codepipeline-api.md
 * §2: UpdatePipeline of an unknown name is ResourceNotFoundException).
 */
const UNDECLARED_BUT_OBSERVED: Record<string, string[]> = {
  'CodePipeline_20150709.UpdatePipeline': ['ResourceNotFoundException'],
};

interface Answer {
  status: number;
  type?: string;
  text: string;
}

describe('every implemented operation, fuzzed from its botocore model', () => {
  let env: TestEmulator;
  const post = async (target: string, body: string): Promise<Answer> => {
    const res = await fetch(`${env.url}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': target,
        Authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/fuzz/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      },
      body,
    });
    const text = await res.text();
    let type: string | undefined;
    try {
      type = (JSON.parse(text) as { __type?: string }).__type;
    } catch {
      type = undefined;
    }
    return { status: res.status, type, text };
  };

  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(async () => {
    // An input valid enough to register an instance made a container: deregistering removes it.
    const deploy = env.client(CodeDeployClient);
    const { instanceNames = [] } = await deploy.send(new ListOnPremisesInstancesCommand({}));
    for (const instanceName of instanceNames) await deploy.send(new DeregisterOnPremisesInstanceCommand({ instanceName }));
    await env.close();
  });

  for (const service of SERVICES) {
    const model = loadAwsModel(service) as ServiceModel;
    const arbitraries = new ModelArbitraries(model);
    // A query-compatible model (CloudWatch) marks the errors its query service answers for any operation as synthetic.
    const synthetic = exceptionNames(model).filter((name) => (model.shapes[name] as { synthetic?: boolean }).synthetic);

    describe(service, () => {
      for (const [operation, spec] of Object.entries(model.operations)) {
        const target = `${model.metadata.targetPrefix}.${operation}`;
        const allowed = new Set([...PROTOCOL_ERRORS, ...synthetic, ...(spec.errors ?? []).map((e) => e.shape), ...(UNDECLARED_BUT_OBSERVED[target] ?? [])]);

        it(`${operation} answers 2xx or an error the model lists for it, never a 5xx`, async () => {
          const probe = await post(target, '{}');
          // Operations not emulated yet answer 501 NotImplementedException by design; there is nothing to fuzz.
          if (probe.status === 501 && probe.type === 'NotImplementedException') return;
          const input = spec.input ? arbitraries.forShape(spec.input.shape) : fc.constant({});
          await fc.assert(
            fc.asyncProperty(input, async (value) => {
              const answer = await post(target, JSON.stringify(value) ?? '');
              expect(answer.status, answer.text.slice(0, 500)).toBeLessThan(500);
              if (answer.status >= 300) {
                expect(answer.type, answer.text.slice(0, 500)).toBeDefined();
                expect(allowed.has(answer.type!), `${answer.type}: ${answer.text.slice(0, 300)}`).toBe(true);
              }
            }),
            { numRuns: RUNS, endOnFailure: true },
          );
          // The server still answers after the storm.
          expect((await post('CodePipeline_20150709.ListPipelines', '{}')).status).toBe(200);
        });
      }
    });
  }
});
