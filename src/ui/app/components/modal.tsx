import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** A dialog over the page: closes on Escape or on the backdrop, and focuses its first field. */
export function Modal(props: { title: string; onClose: () => void; children: ComponentChildren; footer: ComponentChildren; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    document.addEventListener('keydown', onKey);
    box.current?.querySelector<HTMLElement>('textarea, input, select, button.btn-primary')?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={props.title} ref={box} data-testid={props.testId}>
        <header class="modal-header">
          <h2>{props.title}</h2>
          <button type="button" class="icon-btn" aria-label="Close" onClick={props.onClose}>
            ×
          </button>
        </header>
        <div class="modal-body">{props.children}</div>
        <footer class="modal-footer">{props.footer}</footer>
      </div>
    </div>
  );
}
