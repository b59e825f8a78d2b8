import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { InlineError } from './feedback.js';
import { Modal } from './modal.js';

/**
 * A dialog that calls the API on submit: shows the call's error in place and keeps the dialog open, or closes
 * and reports what happened.
 */
export function ActionDialog(props: {
  title: string;
  submitLabel: string;
  onSubmit: () => Promise<string | void>;
  onClose: () => void;
  onDone: (message?: string) => void;
  children: ComponentChildren;
  danger?: boolean;
  canSubmit?: boolean;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e?: Event) => {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const message = await props.onSubmit();
      props.onDone(message ?? undefined);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      testId={props.testId}
      footer={
        <>
          <button type="button" class="btn" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" class={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy || props.canSubmit === false} onClick={() => submit()} data-testid="dialog-submit">
            {busy ? 'Working…' : props.submitLabel}
          </button>
        </>
      }
    >
      <form class="form" onSubmit={submit}>
        {props.children}
        <InlineError error={error} />
      </form>
    </Modal>
  );
}
