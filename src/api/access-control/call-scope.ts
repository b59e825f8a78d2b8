/** Where a call is made, for the ARNs of what it touches. */
export interface CallScope {
  account: string;
  region: string;
}

/** One permission a call needs: an IAM action on every one of its resources. */
export interface NeededPermission {
  action: string;
  resources: string[];
}

/** A parsed input as resolvers read it. */
export type CallInput = Record<string, unknown>;

/** Reads a string member of an input, or undefined. */
export function str(input: CallInput | undefined, name: string): string | undefined {
  const v = input?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads a list of strings member of an input (empty when absent). */
export function strings(input: CallInput | undefined, name: string): string[] {
  const v = input?.[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Reads a structure member of an input, or undefined. */
export function struct(input: CallInput | undefined, name: string): CallInput | undefined {
  const v = input?.[name];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as CallInput) : undefined;
}
