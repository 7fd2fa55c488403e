import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Switches the partner page to another tab (?tab=…), as a click on the tab bar does. */
export function useShowTab() {
  const [, setParams] = useSearchParams();
  return useCallback(
    (key: string) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', key);
        next.delete('view');
        return next;
      }),
    [setParams],
  );
}
