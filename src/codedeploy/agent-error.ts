/** A failure the CodeDeploy agent reports as `UnknownError` with this message (invalid appspec, install conflicts, ...). */
export class AgentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AgentError';
  }
}

/** Renders a YAML value as Ruby's string interpolation would (nil is empty), for the agent's messages. */
export function rubyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The loss of an instance's agent process (its container stopped, restarted or was removed, or the process died). */
export class AgentLostError extends AgentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AgentLostError';
  }
}
