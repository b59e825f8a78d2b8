import { CreateTopicCommand, GetTopicAttributesCommand, ListTagsForResourceCommand, ListTopicsCommand, NotFoundException, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './tiny/aws-cli.js';
import { sdkSettings, startTinyServer, type TinyServer } from './tiny/tiny-server.js';

describe('the query protocol (a tiny SNS)', () => {
  let server: TinyServer;
  let sns: SNSClient;
  beforeAll(async () => {
    server = await startTinyServer();
    sns = new SNSClient(sdkSettings(server.url));
  });
  afterAll(async () => {
    sns.destroy();
    await server.close();
  });

  describe('when the JS SDK calls it', () => {
    it('round-trips a map and a list of structures through form parameters and <XResult> XML', async () => {
      const created = await sns.send(new CreateTopicCommand({ Name: 'orders', Attributes: { DisplayName: 'Orders & <more>', FifoTopic: 'false' }, Tags: [{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'dev' }] }));
      expect(created.TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:orders');
      const attrs = await sns.send(new GetTopicAttributesCommand({ TopicArn: created.TopicArn }));
      expect(attrs.Attributes).toEqual({ DisplayName: 'Orders & <more>', FifoTopic: 'false', TopicArn: created.TopicArn });
      const tags = await sns.send(new ListTagsForResourceCommand({ ResourceArn: created.TopicArn }));
      expect(tags.Tags).toEqual([{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'dev' }]);
      const listed = await sns.send(new ListTopicsCommand({}));
      expect(listed.Topics).toEqual([{ TopicArn: created.TopicArn }]);
      expect(listed.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sends a modelled error as <ErrorResponse> that the SDK raises as its exception class', async () => {
      const error = await sns.send(new GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundException);
      expect(error).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist: arn:aws:sns:us-east-1:000000000000:nope', $metadata: { httpStatusCode: 404 } });
    });
  });

  describe('when the AWS CLI calls it', () => {
    it('creates and lists topics and reads their attributes', async () => {
      const created = await aws(server.url, ['sns', 'create-topic', '--name', 'cli-topic', '--attributes', 'DisplayName=From CLI', '--tags', 'Key=k,Value=v']);
      expect(created).toMatchObject({ code: 0, json: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:cli-topic' } });
      const attrs = await aws(server.url, ['sns', 'get-topic-attributes', '--topic-arn', created.json.TopicArn]);
      expect(attrs.json.Attributes).toEqual({ DisplayName: 'From CLI', TopicArn: created.json.TopicArn });
      const listed = await aws(server.url, ['sns', 'list-topics']);
      expect(listed.json.Topics).toContainEqual({ TopicArn: created.json.TopicArn });
    });

    it('prints the error code and message of a modelled error', async () => {
      const res = await aws(server.url, ['sns', 'get-topic-attributes', '--topic-arn', 'arn:aws:sns:us-east-1:000000000000:nope']);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain('An error occurred (NotFound) when calling the GetTopicAttributes operation: Topic does not exist');
    });
  });

  describe('when the raw request is hostile or malformed', () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });

    it('answers an unknown Action with InvalidAction in an <ErrorResponse>', async () => {
      const res = await post('Action=MakeCoffee&Version=2010-03-31', { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request' });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toContain('<ErrorResponse');
      expect(text).toMatch(/<Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>[^<]*MakeCoffee/);
      expect(text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
    });

    it.each(['constructor', '__proto__', 'hasOwnProperty'])('answers Action=%s with InvalidAction, not a 500', async (action) => {
      const res = await post(`Action=${action}&Version=2010-03-31`, { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<Code>InvalidAction</Code>');
    });

    it('refuses parameter names nested deeper than the JSON protocol allows', async () => {
      const deep = `Action=CreateTopic&Version=2010-03-31&Name=x&Tags${'.member.1'.repeat(200)}=v`;
      const res = await post(deep, { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request' });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/<Code>SerializationException<\/Code><Message>[^<]*nests deeper than 100 levels/);
    });

    it('routes an unsigned call by its Action and Version', async () => {
      const res = await post('Action=ListTopics&Version=2010-03-31');
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><ListTopicsResponse xmlns="[^"]+"><ListTopicsResult><Topics>/);
    });

    it('refuses a credential scope naming no region, in the query error shape', async () => {
      const res = await post('Action=ListTopics&Version=2010-03-31', { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/../sns/aws4_request' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<Code>InvalidSignatureException</Code>');
    });
  });
});
