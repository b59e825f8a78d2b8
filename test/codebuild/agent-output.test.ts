import { describe, expect, it } from 'vitest';
import { AgentOutput } from '../../src/codebuild/agent-output.js';

const TOKEN = '0123456789abcdef';
const marker = (status: number) => `\0${TOKEN}:${status}\0`;

/** Feeds the chunks through an AgentOutput and returns what it made of them, data and ends in order. */
function split(chunks: readonly (string | Buffer)[]): (string | number)[] {
  const events: (string | number)[] = [];
  const output = new AgentOutput(TOKEN, {
    onData: (chunk) => {
      // Adjacent data pieces are joined: how the data is cut does not matter, only what lies between the ends.
      if (typeof events[events.length - 1] === 'string') events[events.length - 1] += chunk.toString('utf8');
      else events.push(chunk.toString('utf8'));
    },
    onEnd: (status) => events.push(status),
  });
  for (const chunk of chunks) output.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8'));
  return events;
}

describe('AgentOutput', () => {
  describe('when a chunk holds output and end markers', () => {
    it('passes the output on and reports each end with its status', () => {
      expect(split([`hello\n${marker(0)}partial${marker(127)}`])).toEqual(['hello\n', 0, 'partial', 127]);
    });
  });

  describe('when a marker is split across chunks', () => {
    it('still finds it, wherever the cut falls', () => {
      const stream = `before${marker(3)}after`;
      for (let cut = 1; cut < stream.length; cut++) {
        expect(split([stream.slice(0, cut), stream.slice(cut)])).toEqual(['before', 3, 'after']);
      }
    });
  });

  describe('when the output holds NUL bytes and a wrong token', () => {
    it('passes them on as output', () => {
      const forged = `\0ffffffffffffffff:0\0`;
      expect(split([`a\0b\0${forged}`, `${marker(1)}`])).toEqual([`a\0b\0${forged}`, 1]);
    });
  });

  describe("when the token is followed by something that is not a status", () => {
    it('passes it on as output', () => {
      const lookalike = `\0${TOKEN}:1234567\0`;
      expect(split([lookalike, `x${marker(0)}`])).toEqual([`${lookalike}x`, 0]);
    });
  });

  describe('when a chunk ends with bytes that could begin a marker', () => {
    it('holds only those back until the next chunk tells', () => {
      const seen: string[] = [];
      const output = new AgentOutput(TOKEN, { onData: (chunk) => seen.push(chunk.toString('utf8')), onEnd: () => undefined });
      output.write(Buffer.from(`line\n\0${TOKEN.slice(0, 4)}`));
      expect(seen).toEqual(['line\n']);
      output.write(Buffer.from('not a marker'));
      expect(seen.join('')).toBe(`line\n\0${TOKEN.slice(0, 4)}not a marker`);
    });
  });
});
