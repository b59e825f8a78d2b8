import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../lib/router.js';

/** A link to a page of the console: followed in place, or in a new tab on a modified click. */
export function Link(props: { to: string; children: ComponentChildren; class?: string; title?: string; 'data-testid'?: string }) {
  const { to, children, ...rest } = props;
  return (
    <a href={to} onClick={(e) => onLinkClick(e, to)} {...rest}>
      {children}
    </a>
  );
}
