import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ExternalLink } from '../../components/external-link.js';

const MAX_LOG_CHARS = 2_000_000; // a runaway build keeps its last ~2 MB on screen
// CodeBuild's agent prints these when a phase starts or ends: the phases table refetches then.
const PHASE_LINE = /Entering phase|Phase complete:/;

/** The path of a log on this server: a deepLink naming the emulator's own host is fetched relative to the page. */
export function sameOriginPath(deepLink: string): string | undefined {
  try {
    const url = new URL(deepLink, location.origin);
    if (url.pathname.startsWith('/codebuild/') || url.origin === location.origin) return `${url.pathname}${url.search}`;
  } catch {
    // Falls through: not a URL the console can read.
  }
  return undefined;
}

type LogState = { text: string; status: 'loading' | 'streaming' | 'ended' | 'error'; error?: string };

/**
 * A build's log, streamed live from its deepLink (`?follow=1` keeps the response open until the build ends);
 * scrolls along while the reader is at the bottom.
 */
export function BuildLog(props: { url: string; onPhaseLine?: () => void; onEnd?: () => void }) {
  const [log, setLog] = useState<LogState>({ text: '', status: 'loading' });
  const box = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  const handlers = useRef(props);
  handlers.current = props;

  useEffect(() => {
    const controller = new AbortController();
    const follow = `${props.url}${props.url.includes('?') ? '&' : '?'}follow=1`;
    (async () => {
      const response = await fetch(follow, { signal: controller.signal, headers: { accept: 'text/plain' } });
      if (!response.ok || !response.body) throw new Error(`The log answered HTTP ${response.status}: ${(await response.text()).trim()}`);
      setLog({ text: '', status: 'streaming' });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        setLog((l) => ({ ...l, text: (l.text + value).slice(-MAX_LOG_CHARS) }));
        if (PHASE_LINE.test(value)) handlers.current.onPhaseLine?.();
      }
      setLog((l) => ({ ...l, status: 'ended' }));
      handlers.current.onEnd?.();
    })().catch((error: Error) => {
      if (!controller.signal.aborted) setLog((l) => ({ ...l, status: 'error', error: error.message }));
    });
    return () => controller.abort();
  }, [props.url]);

  useLayoutEffect(() => {
    if (stick.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [log.text]);

  const onScroll = () => {
    const el = box.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  const label = { loading: 'Connecting to the log…', streaming: 'Streaming live', ended: 'End of log', error: `The log could not be read: ${log.error}` }[log.status];
  return (
    <div class="log-panel">
      <div class={`log-status log-${log.status}`} data-testid="log-status" data-state={log.status}>
        {log.status === 'streaming' && <span class="live-dot" aria-hidden="true" />}
        {label}
        <ExternalLink url={props.url} class="log-raw">
          Raw log ↗
        </ExternalLink>
      </div>
      <pre class="log" ref={box} onScroll={onScroll} data-testid="build-log">
        {log.text || (log.status === 'ended' ? '(the log is empty)' : '')}
      </pre>
    </div>
  );
}
