import { useEffect } from 'preact/hooks';

const SHOWN_MS = 6000; // milliseconds a confirmation stays on screen

/** A short confirmation at the top of a page (`Started execution 1a2b3c4d.`), dismissed after a few seconds. */
export function Flash({ message, onDismiss }: { message?: string; onDismiss: () => void }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message]);
  if (!message) return null;
  return (
    <div class="flash" role="status" data-testid="flash">
      <span>{message}</span>
      <button type="button" class="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
