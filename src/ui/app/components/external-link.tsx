import type { ComponentChildren } from 'preact';
import { safeHref } from '../lib/safe-href.js';

/**
 * A link to a URL that came from data, opened in a new tab: a live link only for http(s) URLs, anything else
 * (javascript:, data:, ...) shown as plain text.
 */
export function ExternalLink(props: { url: string | undefined; children?: ComponentChildren; class?: string; title?: string; 'data-testid'?: string }) {
  const { url, children, ...rest } = props;
  const href = safeHref(url);
  const content = children ?? url;
  if (!href) return <span {...rest}>{content}</span>;
  return (
    <a href={href} target="_blank" rel="noreferrer" {...rest}>
      {content}
    </a>
  );
}
