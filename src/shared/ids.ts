import { randomUUID, randomBytes } from 'node:crypto';

/** The source of identifiers, injected so tests can make them predictable. */
export interface Ids {
  /** A lowercase UUID v4, as AWS uses for execution ids and request ids. */
  uuid(): string;
}

/** Random identifiers. */
export const randomIds: Ids = { uuid: () => randomUUID() };

/** Random alphanumeric text of the given length, as AWS uses in artifact keys. */
export function randomAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** A new artifact's key in the artifact bucket, in AWS's form `<pipeline[:20]>/<artifact[:10]>/<7 alphanumerics>`. */
export function newArtifactKey(pipelineName: string, artifactName: string): string {
  return `${pipelineName.slice(0, 20)}/${artifactName.slice(0, 10)}/${randomAlphanumeric(7)}`;
}
