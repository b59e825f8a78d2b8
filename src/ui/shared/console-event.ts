/**
 * The message the console's event stream sends for each engine event: small, so the browser refetches what
 * changed through the public AWS API instead of trusting a copy of the record.
 */
export interface ConsoleEvent {
  /** The engine event's name, `noun:verb` (`execution:started`, `action:succeeded`, `transition:disabled`, ...). */
  type: string;
  account: string;
  region: string;
  pipelineName: string;
  pipelineExecutionId?: string;
  stageName?: string;
  actionName?: string;
  actionExecutionId?: string;
  /** The status of the execution, stage or action after the change. */
  status?: string;
  /** For transition events: whether the stage's inbound transition is now enabled. */
  enabled?: boolean;
}

/** The path of the event stream, under the console's base path. */
export const EVENTS_PATH = '/console/api/events';

/** The path of the console's context (default account and region), under the console's base path. */
export const CONTEXT_PATH = '/console/api/context';

/** The path prefix artifact zips are downloaded from: `<prefix>/<bucket>/<key>`. */
export const ARTIFACTS_PATH = '/console/api/artifacts';

/** What the console learns from its server before its first API call. */
export interface ConsoleContext {
  account: string;
  region: string;
}

/** The comment in index.html the server replaces with the console's context, so the app knows it without a request. */
export const CONTEXT_PLACEHOLDER = '<!--console-context-->';

/** The id of the element holding the embedded context (JSON). */
export const CONTEXT_ELEMENT_ID = 'console-context';
