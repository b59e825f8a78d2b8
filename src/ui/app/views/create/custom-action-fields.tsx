import type { CustomAction } from './wizard-model.js';
import { Field } from './form-parts.js';

/** Fields for a custom action type: owner, provider, version and configuration pairs. */
export function CustomActionFields(props: { category: string; value: CustomAction; onChange: (v: CustomAction) => void }) {
  const c = props.value;
  const set = (patch: Partial<CustomAction>) => props.onChange({ ...c, ...patch });
  const setPair = (i: number, key: 'key' | 'value', text: string) => set({ configuration: c.configuration.map((p, j) => (j === i ? { ...p, [key]: text } : p)) });
  return (
    <div class="custom-action" data-testid={`custom-${props.category}`}>
      <p class="hint">
        An action type the emulator runs through a registered provider, category <strong>{props.category}</strong>.
      </p>
      <div class="field-row">
        <Field label="Owner">
          <select value={c.owner} onChange={(e) => set({ owner: e.currentTarget.value })}>
            <option>Custom</option>
            <option>ThirdParty</option>
            <option>AWS</option>
          </select>
        </Field>
        <Field label="Provider">
          <input value={c.provider} onInput={(e) => set({ provider: e.currentTarget.value })} data-testid="custom-provider" />
        </Field>
        <Field label="Version">
          <input value={c.version} onInput={(e) => set({ version: e.currentTarget.value })} class="narrow" />
        </Field>
      </div>
      <div class="label">Configuration</div>
      {c.configuration.map((p, i) => (
        <div class="field-row" key={i}>
          <input placeholder="Key" value={p.key} onInput={(e) => setPair(i, 'key', e.currentTarget.value)} aria-label={`Configuration key ${i + 1}`} data-testid={`custom-key-${i}`} />
          <input placeholder="Value" value={p.value} onInput={(e) => setPair(i, 'value', e.currentTarget.value)} aria-label={`Configuration value ${i + 1}`} data-testid={`custom-value-${i}`} />
          <button type="button" class="icon-btn" aria-label="Remove" onClick={() => set({ configuration: c.configuration.filter((_, j) => j !== i) })}>
            ×
          </button>
        </div>
      ))}
      <button type="button" class="btn btn-small" onClick={() => set({ configuration: [...c.configuration, { key: '', value: '' }] })} data-testid="custom-add">
        Add configuration
      </button>
    </div>
  );
}
