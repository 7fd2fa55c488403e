/**
 * A modal whose code loads when it first opens: its form and inputs then stay out of the scripts a page needs
 * before it can show anything. Once opened it stays mounted, so closing plays the modal's own transition.
 */
import { lazy, Suspense, useState, type ComponentType, type JSX } from 'react';

export function lazyModal<P extends { opened: boolean }>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  function LazyModal(props: P) {
    const [wanted, setWanted] = useState(props.opened);
    if (props.opened && !wanted) setWanted(true);
    if (!wanted) return null;
    return (
      <Suspense fallback={null}>
        <Loaded {...(props as P & JSX.IntrinsicAttributes)} />
      </Suspense>
    );
  }
  return LazyModal;
}
