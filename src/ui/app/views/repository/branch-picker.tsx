import { shortId } from '../../lib/format.js';

/** A branch choice; a ref that is no branch (a commit id or tag) is shown as the current choice too. */
export function BranchPicker(props: { branches: string[]; current: string; onPick: (branch: string) => void }) {
  const known = props.branches.includes(props.current);
  return (
    <label class="branch-picker">
      <span class="muted">Branch</span>
      <select value={props.current} onChange={(e) => props.onPick(e.currentTarget.value)} data-testid="branch-picker" aria-label="Branch">
        {!known && <option value={props.current}>{/^[0-9a-f]{40}$/.test(props.current) ? `commit ${shortId(props.current)}` : props.current}</option>}
        {props.branches.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </label>
  );
}
