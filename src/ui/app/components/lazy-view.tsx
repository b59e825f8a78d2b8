import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorPanel, Loading } from './feedback.js';

/**
 * A page loaded on first use, so the first load of the console carries only the pipelines list and the pipeline
 * view: the wizard, the editor and the detail pages come as separate files when opened.
 */
export function lazyView<P extends object>(what: string, load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function LazyView(props: P) {
    const [view, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      if (loaded) return;
      pending ??= load().then((v) => (loaded = v));
      pending.then((v) => setView(() => v), (e) => ((pending = undefined), setError(e)));
    }, []);
    const View = view;
    if (View) return <View {...props} />;
    if (error) return <ErrorPanel title={`The ${what} could not be loaded (was the console rebuilt? reload the page)`} error={error} onRetry={() => location.reload()} />;
    return <Loading what={`the ${what}`} />;
  };
}
