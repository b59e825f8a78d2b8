import {
  CreatePipelineCommand,
  DeletePipelineCommand,
  DeleteWebhookCommand,
  DeregisterWebhookWithThirdPartyCommand,
  ListPipelineExecutionsCommand,
  ListTagsForResourceCommand,
  ListWebhooksCommand,
  PutWebhookCommand,
  RegisterWebhookWithThirdPartyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type WebhookDefinition,
} from '@aws-sdk/client-codepipeline';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aws } from '../protocol/tiny/aws-cli.js';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { samplePipeline, uniqueName } from '../../helpers/pipelines.js';

const SECRET = 'a-secret-of-this-webhook';

describe('CodePipeline webhooks (V1)', () => {
  const emulator = useTestEmulator();
  const pipeline = async () => {
    const name = uniqueName();
    await emulator.client.send(new CreatePipelineCommand({ pipeline: samplePipeline(name) }));
    return name;
  };
  const definition = (targetPipeline: string, overrides: Partial<WebhookDefinition> = {}): WebhookDefinition => ({
    name: uniqueName('wh'),
    targetPipeline,
    targetAction: 'Source',
    filters: [{ jsonPath: '$.ref', matchEquals: 'refs/heads/{BranchName}' }],
    authentication: 'GITHUB_HMAC',
    authenticationConfiguration: { SecretToken: SECRET },
    ...overrides,
  });
  const put = (webhook: WebhookDefinition) => emulator.client.send(new PutWebhookCommand({ webhook }));
  const webhookExecutions = async (name: string) =>
    ((await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries ?? []).filter((e) => e.trigger?.triggerType === 'Webhook');
  const post = (url: string, payload: unknown, secret = SECRET) => {
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'x-github-event': 'push' } });
  };

  describe('when a webhook is put, listed and deleted', () => {
    it('answers its definition with the SecretToken redacted, a URL on this server and its ARN, and pages with NextToken', async () => {
      const name = await pipeline();
      const created = (await emulator.client.send(new PutWebhookCommand({ webhook: definition(name, { name: 'wh-a' }), tags: [{ key: 'team', value: 'web' }] }))).webhook!;
      expect(created).toMatchObject({
        definition: { name: 'wh-a', targetPipeline: name, authenticationConfiguration: { SecretToken: '<redacted>' } },
        arn: 'arn:aws:codepipeline:us-east-1:000000000000:webhook:wh-a',
        tags: [{ key: 'team', value: 'web' }],
      });
      expect(created.url).toMatch(new RegExp(`^${emulator.env.url}/webhooks/us-east-1/[0-9a-f]{32}$`));
      await put(definition(name, { name: 'wh-b' }));
      await put(definition(name, { name: 'wh-c' }));
      // Pages of two through every webhook of the region (other tests' too), collecting the names in order.
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await emulator.client.send(new ListWebhooksCommand({ MaxResults: 2, NextToken: token }));
        expect(page.webhooks!.length).toBeLessThanOrEqual(2);
        names.push(...page.webhooks!.map((w) => w.definition!.name!));
        token = page.NextToken;
      } while (token);
      expect(names.filter((n) => n.startsWith('wh-') && n.length === 4)).toEqual(['wh-a', 'wh-b', 'wh-c']);
      expect((await errorOf(emulator.client.send(new ListWebhooksCommand({ NextToken: 'nope' })))).name).toBe('InvalidNextTokenException');
      for (const n of ['wh-a', 'wh-b', 'wh-c']) await emulator.client.send(new DeleteWebhookCommand({ name: n }));
      await emulator.client.send(new DeleteWebhookCommand({ name: 'wh-a' }));
      const left = (await emulator.client.send(new ListWebhooksCommand({}))).webhooks!.map((w) => w.definition!.name);
      expect(left).not.toContain('wh-a');
      expect(left).not.toContain('wh-c');
    });

    it('gives a webhook put again under its name a new URL', async () => {
      const webhook = definition(await pipeline());
      const first = (await put(webhook)).webhook!;
      const second = (await put(webhook)).webhook!;
      expect(second.url).not.toBe(first.url);
      expect((await fetch(first.url!, { method: 'POST', body: '{}' })).status).toBe(404);
    });

    it('records registration with the third party, and refuses an unknown webhook', async () => {
      const webhook = definition(await pipeline());
      await put(webhook);
      await emulator.client.send(new RegisterWebhookWithThirdPartyCommand({ webhookName: webhook.name }));
      await emulator.client.send(new DeregisterWebhookWithThirdPartyCommand({ webhookName: webhook.name }));
      expect((await errorOf(emulator.client.send(new RegisterWebhookWithThirdPartyCommand({ webhookName: 'no-such-webhook' })))).name).toBe('WebhookNotFoundException');
    });
  });

  describe('when a webhook is tagged through its ARN', () => {
    it('adds, lists and removes its tags, and answers ResourceNotFoundException for a webhook that does not exist', async () => {
      const { arn } = (await put(definition(await pipeline()))).webhook!;
      await emulator.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'env', value: 'dev' }] }));
      expect((await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([{ key: 'env', value: 'dev' }]);
      await emulator.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] }));
      expect((await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([]);
      const missing = await errorOf(emulator.client.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:codepipeline:us-east-1:000000000000:webhook:none' })));
      expect(missing.name).toBe('ResourceNotFoundException');
    });
  });

  describe('when the definition is not acceptable', () => {
    it.each([
      ['a missing pipeline', { targetPipeline: 'no-such-pipeline' }, 'PipelineNotFoundException'],
      ['an action outside the first stage', { targetAction: 'Build' }, 'ValidationException'],
      ['GITHUB_HMAC without a SecretToken', { authenticationConfiguration: {} }, 'InvalidWebhookAuthenticationParametersException'],
      ['IP with a range that is not CIDR', { authentication: 'IP', authenticationConfiguration: { AllowedIPRange: '10.0.0.300/8' } }, 'InvalidWebhookAuthenticationParametersException'],
      ['UNAUTHENTICATED with a SecretToken', { authentication: 'UNAUTHENTICATED' }, 'InvalidWebhookAuthenticationParametersException'],
      ['a filter that is not JSONPath', { filters: [{ jsonPath: '$[?(', matchEquals: 'x' }] }, 'InvalidWebhookFilterPatternException'],
      ['a filter with an open bracket', { filters: [{ jsonPath: '$.commits[', matchEquals: 'x' }] }, 'InvalidWebhookFilterPatternException'],
    ] as const)('refuses %s', async (_case, overrides, expected) => {
      const error = await errorOf(put(definition(await pipeline(), overrides as Partial<WebhookDefinition>)));
      expect(error).toMatchObject({ name: expected, status: 400 });
    });

    it('names the action missing from the first stage as AWS does', async () => {
      const error = await errorOf(put(definition(await pipeline(), { targetAction: 'Build' })));
      expect(error.message).toBe('Action with name Build was not found in the first stage of the pipeline');
    });
  });

  describe('when a request is POSTed to the webhook URL', () => {
    it('starts the pipeline with trigger Webhook when the GitHub signature and the filters pass, and records lastTriggered', async () => {
      const name = await pipeline();
      const { url, arn } = (await put(definition(name))).webhook!;
      const res = await post(url!, { ref: 'refs/heads/main' });
      expect(res.status).toBe(200);
      const { pipelineExecutionId } = (await res.json()) as { pipelineExecutionId: string };
      expect(await webhookExecutions(name)).toEqual([expect.objectContaining({ pipelineExecutionId, trigger: { triggerType: 'Webhook', triggerDetail: arn } })]);
      const listed = (await emulator.client.send(new ListWebhooksCommand({}))).webhooks!.find((w) => w.arn === arn);
      expect(listed?.lastTriggered).toBeInstanceOf(Date);
    });

    it('accepts the SHA-1 X-Hub-Signature too', async () => {
      const name = await pipeline();
      const { url } = (await put(definition(name))).webhook!;
      const body = JSON.stringify({ ref: 'refs/heads/main' });
      const res = await fetch(url!, { method: 'POST', body, headers: { 'x-hub-signature': `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}` } });
      expect(res.status).toBe(200);
      expect(await webhookExecutions(name)).toHaveLength(1);
    });

    it('refuses a wrong signature and ignores a payload the filters do not match, starting nothing', async () => {
      const name = await pipeline();
      const { url, arn } = (await put(definition(name))).webhook!;
      expect((await post(url!, { ref: 'refs/heads/main' }, 'another-secret')).status).toBe(403);
      const ignored = await post(url!, { ref: 'refs/heads/feature' });
      expect(ignored.status).toBe(200);
      expect(await ignored.json()).toEqual({ message: expect.stringContaining('did not match') });
      expect(await webhookExecutions(name)).toEqual([]);
      const listed = (await emulator.client.send(new ListWebhooksCommand({}))).webhooks!.find((w) => w.arn === arn);
      expect(listed?.lastTriggered).toBeUndefined();
    });

    it('records errorMessage and errorCode when the target pipeline is gone, and starts nothing', async () => {
      const name = await pipeline();
      const { url, arn } = (await put(definition(name, { authentication: 'UNAUTHENTICATED', authenticationConfiguration: {} }))).webhook!;
      await emulator.client.send(new DeletePipelineCommand({ name }));
      expect((await post(url!, { ref: 'refs/heads/main' })).status).toBe(404);
      const listed = (await emulator.client.send(new ListWebhooksCommand({}))).webhooks!.find((w) => w.arn === arn);
      expect(listed).toMatchObject({ errorMessage: expect.stringContaining(name), errorCode: '404' });
    });

    it('starts the pipeline only for a caller inside the IP range', async () => {
      const name = await pipeline();
      const outside = (await put(definition(name, { authentication: 'IP', authenticationConfiguration: { AllowedIPRange: '10.0.0.0/8' } }))).webhook!;
      expect((await post(outside.url!, { ref: 'refs/heads/main' })).status).toBe(403);
      expect(await webhookExecutions(name)).toEqual([]);
      const inside = (await put(definition(name, { authentication: 'IP', authenticationConfiguration: { AllowedIPRange: '127.0.0.0/8' } }))).webhook!;
      expect((await post(inside.url!, { ref: 'refs/heads/main' })).status).toBe(200);
      expect(await webhookExecutions(name)).toHaveLength(1);
    });
  });

  describe('when the AWS CLI puts a webhook', () => {
    it('creates it as put-webhook prints it', async () => {
      const name = await pipeline();
      const webhook = { ...definition(name, { name: 'cli-hook', authentication: 'UNAUTHENTICATED', authenticationConfiguration: {} }) };
      const result = await aws(emulator.env.url, ['codepipeline', 'put-webhook', '--webhook', JSON.stringify(webhook)]);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout).webhook).toMatchObject({ definition: { name: 'cli-hook', authentication: 'UNAUTHENTICATED' }, arn: expect.stringContaining(':webhook:cli-hook') });
      expect((await post(JSON.parse(result.stdout).webhook.url, { ref: 'refs/heads/main' })).status).toBe(200);
    });
  });
});
