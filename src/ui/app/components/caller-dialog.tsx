import { useState } from 'preact/hooks';
import type { Caller } from '../api/aws.js';
import { InlineError } from './feedback.js';
import { Modal } from './modal.js';

/** Lets the user switch the account (12 digits) and region the console calls the API in. */
export function CallerDialog(props: { caller: Caller; onClose: () => void; onChoose: (c: Caller) => void }) {
  const [account, setAccount] = useState(props.caller.account);
  const [region, setRegion] = useState(props.caller.region);
  const [error, setError] = useState<string>();
  const submit = (e: Event) => {
    e.preventDefault();
    if (!/^\d{12}$/.test(account)) return setError('The account is 12 digits.');
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return setError('The region looks like us-east-1.');
    props.onChoose({ account, region });
  };
  return (
    <Modal
      title="Account and region"
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" form="caller-form" class="btn btn-primary">
            Switch
          </button>
        </>
      }
    >
      <form id="caller-form" onSubmit={submit} class="form">
        <p class="hint">The emulator keeps pipelines apart per account and region, as AWS does.</p>
        <label class="field">
          <span class="label">Account</span>
          <input value={account} onInput={(e) => setAccount(e.currentTarget.value.trim())} inputMode="numeric" />
        </label>
        <label class="field">
          <span class="label">Region</span>
          <input value={region} onInput={(e) => setRegion(e.currentTarget.value.trim())} />
        </label>
        <InlineError error={error} />
      </form>
    </Modal>
  );
}
