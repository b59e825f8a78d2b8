import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AwsError, describeError } from '../../api/aws.js';

/** A labelled form field with an optional hint. */
export function Field(props: { label: string; hint?: ComponentChildren; children: ComponentChildren }) {
  return (
    <label class="field">
      <span class="label">{props.label}</span>
      {props.hint && <span class="hint">{props.hint}</span>}
      {props.children}
    </label>
  );
}

/** A list loaded from the API for a dropdown: its items, or that the API is not offered, or the error. */
export interface RemoteList {
  items?: string[];
  unavailable: boolean;
  error?: unknown;
}

/** Loads a list for a dropdown once per key (an empty key loads nothing). */
export function useRemoteList(key: string, load: () => Promise<string[]>): RemoteList {
  const [state, setState] = useState<RemoteList>({ unavailable: false });
  useEffect(() => {
    if (!key) return setState({ unavailable: false, items: [] });
    let live = true;
    setState({ unavailable: false });
    load().then(
      (items) => live && setState({ items, unavailable: false }),
      (error) => live && setState({ unavailable: error instanceof AwsError && error.notImplemented, error }),
    );
    return () => void (live = false);
  }, [key]);
  return state;
}

/**
 * A dropdown filled from the API; when the API is not offered by this emulator, or fails, a text field instead,
 * with the reason beside it, so the wizard still works.
 */
export function RemoteSelect(props: { list: RemoteList; value: string; onChange: (v: string) => void; placeholder: string; testId?: string; emptyText: string }) {
  const { list } = props;
  if (list.unavailable || list.error !== undefined) {
    return (
      <>
        <input value={props.value} onInput={(e) => props.onChange(e.currentTarget.value.trim())} placeholder={props.placeholder} data-testid={props.testId} />
        <span class="hint">{list.unavailable ? 'This emulator does not list these yet: type the name.' : `The list could not be loaded (${describeError(list.error)}): type the name.`}</span>
      </>
    );
  }
  if (!list.items) return <select disabled><option>Loading…</option></select>;
  return (
    <>
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} data-testid={props.testId}>
        <option value="">{props.placeholder}</option>
        {list.items.map((i) => (
          <option key={i} value={i}>
            {i}
          </option>
        ))}
      </select>
      {!list.items.length && <span class="hint">{props.emptyText}</span>}
    </>
  );
}

/** Radio cards to choose one option among a few, each with a title and a line of explanation. */
export function ChoiceCards<T extends string>(props: { name: string; value: T; onChange: (v: T) => void; options: { value: T; title: string; text: string }[] }) {
  return (
    <div class="choice-cards" role="radiogroup">
      {props.options.map((o) => (
        <label key={o.value} class={`choice-card${o.value === props.value ? ' chosen' : ''}`} data-testid={`choice-${props.name}-${o.value}`}>
          <input type="radio" name={props.name} checked={o.value === props.value} onChange={() => props.onChange(o.value)} />
          <span class="choice-title">{o.title}</span>
          <span class="choice-text">{o.text}</span>
        </label>
      ))}
    </div>
  );
}
