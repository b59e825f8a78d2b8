import { findJsonError } from './json-position.js';
import { useRef } from 'preact/hooks';

/** Why a JSON text does not parse, naming the line and column; undefined when it parses. */
export function jsonProblem(text: string): string | undefined {
  const error = findJsonError(text);
  return error && `The JSON is not valid at line ${error.line}, column ${error.column}: ${error.message}.`;
}

/** A monospace text area with line numbers; Tab indents by two spaces instead of leaving the field. */
export function CodeArea(props: { value: string; onInput: (text: string) => void; label: string; invalid?: boolean }) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = props.value.split('\n').length;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || e.shiftKey) return;
    e.preventDefault();
    const area = e.currentTarget as HTMLTextAreaElement;
    const { selectionStart: start, selectionEnd: end } = area;
    area.setRangeText('  ', start, end, 'end');
    props.onInput(area.value);
  };
  return (
    <div class={`code-area${props.invalid ? ' code-area-invalid' : ''}`}>
      <div class="code-gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i}>{i + 1}</div>
        ))}
      </div>
      <textarea
        class="code-text"
        spellcheck={false}
        aria-label={props.label}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onScroll={(e) => gutter.current && (gutter.current.scrollTop = e.currentTarget.scrollTop)}
        data-testid="json-text"
      />
    </div>
  );
}
