import { CreatePipelineCommand, GetPipelineCommand, type CreatePipelineCommandInput } from '@aws-sdk/client-codepipeline';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';

const root = new URL('../../../fixtures/pipelines/', import.meta.url);
const load = (folder: string) =>
  readdirSync(new URL(folder, root))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(`${folder}${file}`, root), 'utf8')) }));

interface InvalidCase {
  file: string;
  description: string;
  request: CreatePipelineCommandInput;
  expected: { __type: string; message: string };
}

const invalid: InvalidCase[] = load('invalid/');
const valid: ({ file: string } & CreatePipelineCommandInput)[] = load('valid/');

describe('pipeline declarations sent through the SDK', () => {
  const emulator = useTestEmulator();

  it('has a table of at least 30 invalid cases', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(30);
  });

  describe('when the declaration is invalid', () => {
    it.each(invalid.map((c) => [c.file, c] as const))('%s gets AWS’s exception and message, and stores nothing', async (_file, c) => {
      const error = await errorOf(emulator.client.send(new CreatePipelineCommand(c.request)));
      expect({ __type: error.name, message: error.message }).toEqual(c.expected);
      expect(error.status).toBe(400);
      const name = c.request.pipeline?.name;
      if (typeof name === 'string' && name.length > 0 && name.length <= 100) {
        expect((await errorOf(emulator.client.send(new GetPipelineCommand({ name })))).name).toMatch(/PipelineNotFoundException|ValidationException/);
      }
    });
  });

  describe('when the declaration is valid', () => {
    it.each(valid.map((c) => [c.file, c] as const))('%s is created and read back', async (_file, c) => {
      const created = await emulator.client.send(new CreatePipelineCommand({ pipeline: c.pipeline, tags: c.tags }));
      expect(created.pipeline?.version).toBe(1);
      const got = await emulator.client.send(new GetPipelineCommand({ name: c.pipeline!.name }));
      expect(got.pipeline).toEqual(created.pipeline);
    });
  });
});
