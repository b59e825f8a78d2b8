import { CreatePipelineCommand, ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { samplePipeline, uniqueName } from '../../helpers/pipelines.js';

describe('CodePipeline tagging API', () => {
  const emulator = useTestEmulator();
  const arnOf = (name: string) => `arn:aws:codepipeline:us-east-1:000000000000:${name}`;
  const created = async (tags = [{ key: 'team', value: 'web' }]) => {
    const name = uniqueName();
    await emulator.client.send(new CreatePipelineCommand({ pipeline: samplePipeline(name), tags }));
    return arnOf(name);
  };
  const tagsOf = async (arn: string) => (await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags;

  describe('when tags are added, overwritten and removed', () => {
    it('lists the resulting tags sorted by key', async () => {
      const arn = await created();
      await emulator.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'env', value: 'dev' }, { key: 'team', value: 'api' }] }));
      expect(await tagsOf(arn)).toEqual([{ key: 'env', value: 'dev' }, { key: 'team', value: 'api' }]);
      await emulator.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', 'not-there'] }));
      expect(await tagsOf(arn)).toEqual([{ key: 'env', value: 'dev' }]);
    });
  });

  describe('when maxResults asks for smaller pages', () => {
    it('pages through the tags with nextToken, and refuses a token it did not issue', async () => {
      const arn = await created([{ key: 'c', value: '3' }, { key: 'a', value: '1' }, { key: 'b', value: '2' }]);
      const first = await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn, maxResults: 2 }));
      expect(first.tags).toEqual([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
      const second = await emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn, maxResults: 2, nextToken: first.nextToken }));
      expect(second).toMatchObject({ tags: [{ key: 'c', value: '3' }] });
      expect(second.nextToken).toBeUndefined();
      const error = await errorOf(emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn, nextToken: 'nope' })));
      expect(error.name).toBe('InvalidNextTokenException');
    });
  });

  describe('when the resource does not exist', () => {
    it.each(['tag', 'untag', 'list'])('answers ResourceNotFoundException to %s', async (op) => {
      const arn = arnOf('no-such-pipeline');
      const call =
        op === 'tag'
          ? emulator.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'a', value: 'b' }] }))
          : op === 'untag'
            ? emulator.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a'] }))
            : emulator.client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      expect(await errorOf(call)).toEqual({
        name: 'ResourceNotFoundException',
        message: "The account with id '000000000000' does not include a pipeline with the name 'no-such-pipeline'",
        status: 400,
      });
    });

    it('answers ResourceNotFoundException for a pipeline ARN of another region', async () => {
      const arn = (await created()).replace('us-east-1', 'eu-west-1');
      expect((await errorOf(tagsOf(arn))).name).toBe('ResourceNotFoundException');
    });
  });

  describe('when the ARN is malformed', () => {
    it('answers ValidationException for a string that is no CodePipeline ARN', async () => {
      expect((await errorOf(tagsOf('not-an-arn'))).name).toBe('ValidationException');
    });

    it('answers InvalidArnException for a CodePipeline ARN naming no valid resource', async () => {
      expect((await errorOf(tagsOf('arn:aws:codepipeline:us-east-1:000000000000:bad/name')))).toMatchObject({ name: 'InvalidArnException' });
    });
  });

  describe('when the tags break the rules', () => {
    it('answers TooManyTagsException past 50 tags and keeps the old ones', async () => {
      const arn = await created();
      const tags = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
      const error = await errorOf(emulator.client.send(new TagResourceCommand({ resourceArn: arn, tags })));
      expect(error).toEqual({ name: 'TooManyTagsException', message: `Tag limit exceeded for resource [${arn}].`, status: 400 });
      expect(await tagsOf(arn)).toEqual([{ key: 'team', value: 'web' }]);
    });

    it('answers InvalidTagsException for system tags', async () => {
      const arn = await created();
      const error = await errorOf(emulator.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'aws:owner', value: 'x' }] })));
      expect(error.message).toBe("Not allowed to modify system tags. System tags start with 'aws:'. msg=[Caller is an end user and not allowed to mutate system tags]");
      expect(error.name).toBe('InvalidTagsException');
      expect((await errorOf(emulator.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['aws:owner'] })))).name).toBe('InvalidTagsException');
    });

    it('answers ValidationException for a key longer than 128 characters', async () => {
      const arn = await created();
      const error = await errorOf(emulator.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k'.repeat(129), value: 'v' }] })));
      expect(error.message).toBe("1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
    });
  });
});
