import { splitLines } from '../../lib/line-diff.js';

const MAX_LINES = 20_000; // beyond this the page would slow down more than the lines are worth reading

/** A text file with line numbers; its text is shown as text, never as markup. */
export function CodeListing({ text }: { text: string }) {
  const lines = splitLines(text);
  const shown = lines.slice(0, MAX_LINES);
  return (
    <div class="code-scroll">
      <table class="code-listing" data-testid="file-content">
        <tbody>
          {shown.map((line, i) => (
            <tr key={i}>
              <td class="line-number">{i + 1}</td>
              <td class="line-text">{line}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length > MAX_LINES && <div class="muted small">Only the first {MAX_LINES} of {lines.length} lines are shown.</div>}
    </div>
  );
}
