import type { FastifyInstance } from 'fastify';
import { buildServer, Dispatcher } from '../../../../src/api/protocol/index.js';
import { randomIds, silentLogger } from '../../../../src/shared/index.js';
import { tinyCloudWatch } from './cloudwatch-service.js';
import { tinyLambda } from './lambda-service.js';
import { tinyS3 } from './s3-service.js';
import { tinySns } from './sns-service.js';

/** A listening server hosting the four tiny services, one of each protocol family. */
export interface TinyServer {
  url: string;
  port: number;
  app: FastifyInstance;
  /** What each request looked like on the wire, so tests can check which protocol a client spoke. */
  seen: { method: string; url: string; contentType?: string; target?: string }[];
  close(): Promise<void>;
}

/** The settings every SDK client of the tiny server is made with (test/test credentials, one attempt). */
export function sdkSettings(url: string, region = 'us-east-1') {
  return { endpoint: url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
}

/** Starts the protocol layer alone with the tiny SNS, S3, Lambda and CloudWatch on a free port of 127.0.0.1. */
export async function startTinyServer(): Promise<TinyServer> {
  const log = silentLogger();
  const dispatcher = new Dispatcher([tinySns(), tinyS3(), tinyLambda(), tinyCloudWatch()], log);
  const app = await buildServer({ dispatcher, ids: randomIds, log, defaults: { account: '000000000000', region: 'us-east-1' } });
  const seen: TinyServer['seen'] = [];
  app.addHook('onRequest', async (req) => {
    seen.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], target: req.headers['x-amz-target'] as string | undefined });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, port, app, seen, close: () => app.close() };
}
