import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleEvent } from '../../shared/console-event.js';
import { liveEvents } from '../api/live-events.js';

/** What a view reads: the data (kept while it refreshes), the last error, and a way to reload by hand. */
export interface LiveQuery<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload(): void;
}

const COALESCE_MS = 40; // milliseconds: a burst of engine events (a stage finishing) becomes one refetch

/**
 * Loads data through the API and loads it again when the event stream reports a relevant change, when the
 * stream reconnects, or when the page becomes visible again. Refetches never overlap: changes during one are
 * folded into one more. No timer polls the server.
 */
export function useLiveQuery<T>(key: string, load: (signal: AbortSignal) => Promise<T>, relevant: (event: ConsoleEvent) => boolean): LiveQuery<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; loading: boolean }>({ key, loading: true });
  const loadRef = useRef(load);
  const relevantRef = useRef(relevant);
  loadRef.current = load;
  relevantRef.current = relevant;
  const flight = useRef(newFlight());

  const run = useCallback(() => {
    const f = flight.current;
    if (f.running) return void (f.again = true);
    f.running = true;
    f.epoch = liveEvents.epoch;
    const controller = f.controller;
    loadRef
      .current(controller.signal)
      .then((data) => !controller.signal.aborted && setState({ key, data, loading: false }))
      .catch((error) => !controller.signal.aborted && setState((s) => ({ ...s, key, error, loading: false })))
      .finally(() => {
        if (f !== flight.current) return; // the page moved on to another key meanwhile
        f.running = false;
        if (f.again) {
          f.again = false;
          run();
        }
      });
  }, [key]);

  const schedule = useCallback(() => {
    const f = flight.current;
    clearTimeout(f.timer);
    f.timer = setTimeout(run, COALESCE_MS);
  }, [run]);

  // A layout effect, not a deferred one: the first request leaves before the browser paints the loading state.
  useLayoutEffect(() => {
    // A new key (another pipeline, another execution): forget the old flight and its data.
    flight.current = newFlight();
    setState({ key, loading: true });
    run();
    const off = liveEvents.subscribe((m) => {
      // A (re)connection matters only to data loaded before it: events may have been missed while disconnected.
      if (m.type === 'ready' ? flight.current.epoch < liveEvents.epoch : relevantRef.current(m as ConsoleEvent)) schedule();
    });
    // Updates and deletes of pipelines emit no engine event: a page the user comes back to loads again.
    const onVisible = () => document.visibilityState === 'visible' && schedule();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      off();
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(flight.current.timer);
      flight.current.controller.abort();
    };
  }, [key, run, schedule]);

  const current = state.key === key ? state : { key, loading: true };
  return { data: current.data, error: current.error, loading: current.loading, reload: run };
}

function newFlight() {
  return { running: false, again: false, epoch: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined, controller: new AbortController() };
}

/** Re-renders every `intervalMs` while `active`, for elapsed times of running actions (a local clock, no requests). */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return active ? now : Date.now();
}
