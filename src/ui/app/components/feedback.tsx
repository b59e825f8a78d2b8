import type { ComponentChildren } from 'preact';
import { describeError } from '../api/aws.js';

/** A full-width error where a page's data could not be loaded, with a way to try again. */
export function ErrorPanel({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <div class="alert alert-error" role="alert">
      <div class="alert-title">{title ?? 'Something went wrong'}</div>
      <div class="alert-body">{describeError(error)}</div>
      {onRetry && (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** An error next to the form or button that caused it. */
export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div class="inline-error" role="alert" data-testid="inline-error">
      {describeError(error)}
    </div>
  );
}

/** A note in the flow of a page: information, success or a warning. */
export function Notice({ tone = 'info', children }: { tone?: 'info' | 'success' | 'warning'; children: ComponentChildren }) {
  return <div class={`alert alert-${tone}`}>{children}</div>;
}

/** A placeholder while the first load of a page runs. */
export function Loading({ what }: { what: string }) {
  return (
    <div class="loading" aria-busy="true">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}
