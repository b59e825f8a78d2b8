import { CloudWatchClient, InvalidParameterValueException, GetDashboardCommand, GetMetricStatisticsCommand, ListMetricsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { AwsJson1_0Protocol, AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './tiny/aws-cli.js';
import { modelSpeaking } from './tiny/cli-models.js';
import { sdkSettings, startTinyServer, type TinyServer } from './tiny/tiny-server.js';

// CloudWatch's model offers rpc-v2-cbor, json and query; today's SDK and CLI pick json, so each is chosen explicitly here.
const SDK_PROTOCOLS = [
  ['smithy-rpc-v2-cbor', AwsSmithyRpcV2CborProtocol],
  ['json', AwsJson1_0Protocol],
  ['query', AwsQueryProtocol],
] as const;
const WHEN = new Date('2026-03-04T05:06:07.000Z');
/** How each protocol's ListMetrics call looks on the wire. */
const WIRE: Record<string, { url: string; contentType: unknown }> = {
  'smithy-rpc-v2-cbor': { url: '/service/GraniteServiceVersion20100801/operation/ListMetrics', contentType: 'application/cbor' },
  json: { url: '/', contentType: 'application/x-amz-json-1.0' },
  query: { url: '/', contentType: expect.stringContaining('application/x-www-form-urlencoded') },
};

describe('CloudWatch answering in the protocol its client speaks', () => {
  let server: TinyServer;
  const dir = mkdtempSync(join(tmpdir(), 'cpl-cbor-'));
  beforeAll(async () => {
    server = await startTinyServer();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe.each(SDK_PROTOCOLS)('when the JS SDK speaks %s', (name, protocol) => {
    let cw: CloudWatchClient;
    beforeAll(() => {
      cw = new CloudWatchClient({ ...sdkSettings(server.url), protocol });
    });
    afterAll(() => cw.destroy());

    it('round-trips lists of structures, numbers and timestamps', async () => {
      const namespace = `Tiny/${name}`;
      await cw.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: [{ MetricName: 'Hits', Value: 2.5, Unit: 'Count', Timestamp: WHEN, Dimensions: [{ Name: 'Page', Value: 'home' }] }] }));
      const listed = await cw.send(new ListMetricsCommand({ Namespace: namespace }));
      expect(server.seen.at(-1)).toMatchObject(WIRE[name]);
      expect(listed.Metrics).toEqual([{ Namespace: namespace, MetricName: 'Hits', Dimensions: [{ Name: 'Page', Value: 'home' }] }]);
      const stats = await cw.send(new GetMetricStatisticsCommand({ Namespace: namespace, MetricName: 'Hits', StartTime: new Date(0), EndTime: WHEN, Period: 60, Statistics: ['Sum'] }));
      expect(stats.Datapoints).toEqual([{ Timestamp: WHEN, Sum: 2.5, SampleCount: 1, Unit: 'Count' }]);
    });

    // CloudWatch is query-compatible: the SDK picks the class by the query code (x-amzn-query-error or <Code>).
    it('sends a modelled error the SDK raises as its exception class with the message', async () => {
      const error = await cw.send(new GetDashboardCommand({ DashboardName: 'bad!' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidParameterValueException);
      expect(error).toMatchObject({ message: 'The value bad! for parameter DashboardName is not valid', $metadata: { httpStatusCode: 400 } });
    });
  });

  describe.each(['smithy-rpc-v2-cbor', 'json', 'query'] as const)('when the AWS CLI speaks %s', (protocol) => {
    const env = () => ({ AWS_DATA_PATH: modelSpeaking(dir, 'cloudwatch', '2010-08-01', protocol) });

    it('puts, lists and reads metrics with their timestamps', async () => {
      const namespace = `Cli/${protocol}`;
      const put = await aws(server.url, ['cloudwatch', 'put-metric-data', '--namespace', namespace, '--metric-data', `MetricName=Hits,Value=3,Unit=Count,Timestamp=${WHEN.toISOString()}`], env());
      expect(put.code, put.stderr).toBe(0);
      const listed = await aws(server.url, ['cloudwatch', 'list-metrics', '--namespace', namespace], env());
      expect(server.seen.at(-1)).toMatchObject(WIRE[protocol]);
      expect(listed.json.Metrics).toEqual([{ Namespace: namespace, MetricName: 'Hits', Dimensions: [] }]);
      const args = ['--namespace', namespace, '--metric-name', 'Hits', '--start-time', '1970-01-01T00:00:00Z', '--end-time', WHEN.toISOString(), '--period', '60', '--statistics', 'Sum'];
      const stats = await aws(server.url, ['cloudwatch', 'get-metric-statistics', ...args], env());
      expect(stats.json.Datapoints).toHaveLength(1);
      // The CLI prints timestamps as the wire carried them: epoch seconds (json, CBOR) or ISO 8601 (query).
      const stamp = stats.json.Datapoints[0].Timestamp;
      expect(new Date(typeof stamp === 'number' ? stamp * 1000 : stamp)).toEqual(WHEN);
      expect(stats.json.Datapoints[0]).toMatchObject({ Sum: 3, Unit: 'Count' });
    });

    it("prints a modelled error's query code and message", async () => {
      const res = await aws(server.url, ['cloudwatch', 'get-dashboard', '--dashboard-name', 'none'], env());
      expect(res.stderr).toContain('An error occurred (ResourceNotFound) when calling the GetDashboard operation: Dashboard none does not exist');
    });
  });

  describe('when a raw CBOR request is hostile', () => {
    const post = (body: Buffer) =>
      fetch(`${server.url}/service/GraniteServiceVersion20100801/operation/ListMetrics`, {
        method: 'POST',
        headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/monitoring/aws4_request' },
        body: new Uint8Array(body),
      });

    it.each([
      ['nested 100,000 arrays deep', Buffer.concat([Buffer.alloc(100_000, 0x81), Buffer.from([0x01])])],
      ['nested 150 maps deep', Buffer.concat([Buffer.from([0xa1, 0x69, ...Buffer.from('Namespace')]), ...Array.from({ length: 150 }, () => Buffer.from([0xa1, 0x61, 0x61])), Buffer.from([0x01])])],
      ['truncated', Buffer.from([0xbf, 0x69])],
    ])('answers a body %s with a SerializationException in CBOR', async (_what, body) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('smithy-protocol')).toBe('rpc-v2-cbor');
      const { decode } = await import('cbor-x');
      expect(decode(Buffer.from(await res.arrayBuffer()))).toMatchObject({ __type: 'SerializationException' });
    });
  });
});
