import { useState } from 'preact/hooks';
import type { Caller } from '../api/aws.js';
import { InlineError } from './feedback.js';
import { Modal } from './modal.js';

/** Lets the user switch the account (12 digits) and region the console calls the API in, and (serve --iam) the access key it signs with. */
export function CallerDialog(props: { caller: Caller; onClose: () => void; onChoose: (c: Caller) => void }) {
  const [account, setAccount] = useState(props.caller.account);
  const [region, setRegion] = useState(props.caller.region);
  const [accessKeyId, setAccessKeyId] = useState(props.caller.credentials?.accessKeyId ?? '');
  const [secretAccessKey, setSecretAccessKey] = useState(props.caller.credentials?.secretAccessKey ?? '');
  const [sessionToken, setSessionToken] = useState(props.caller.credentials?.sessionToken ?? '');
  const [error, setError] = useState<string>();
  const submit = (e: Event) => {
    e.preventDefault();
    if (!/^\d{12}$/.test(account)) return setError('The account is 12 digits.');
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return setError('The region looks like us-east-1.');
    if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) return setError('An access key needs both its id and its secret.');
    const credentials = accessKeyId ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined;
    props.onChoose({ account, region, ...(credentials ? { credentials } : {}) });
  };
  return (
    <Modal
      title="Account, region and access key"
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
        <p class="hint">With serve --iam every call is signed: give an access key (kept for this tab's session only). Leave it empty otherwise.</p>
        <label class="field">
          <span class="label">Access key ID</span>
          <input name="accessKeyId" value={accessKeyId} onInput={(e) => setAccessKeyId(e.currentTarget.value.trim())} autocomplete="off" />
        </label>
        <label class="field">
          <span class="label">Secret access key</span>
          <input name="secretAccessKey" type="password" value={secretAccessKey} onInput={(e) => setSecretAccessKey(e.currentTarget.value.trim())} autocomplete="off" />
        </label>
        <label class="field">
          <span class="label">Session token (optional)</span>
          <input name="sessionToken" type="password" value={sessionToken} onInput={(e) => setSessionToken(e.currentTarget.value.trim())} autocomplete="off" />
        </label>
        <InlineError error={error} />
      </form>
    </Modal>
  );
}
