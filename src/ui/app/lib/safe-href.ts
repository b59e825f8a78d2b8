// The web's own schemes only: a javascript:, data: or file: URL from a pipeline's configuration must never become a live link.
const LINKABLE = new Set(['http:', 'https:']);

/**
 * The href to give a link to a URL that came from data (a pipeline's configuration, an action's result, an API
 * answer): the URL resolved against `base` when it is http or https (relative paths stay on this server),
 * else undefined so the caller shows it as text.
 */
export function safeHref(url: string | undefined, base: string = location.href): string | undefined {
  if (!url) return undefined;
  try {
    // Parsed as the browser would parse the href (it strips tabs, newlines and leading spaces), so the check holds.
    const parsed = new URL(url, base);
    return LINKABLE.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
