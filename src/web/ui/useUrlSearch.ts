import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearchParams } from 'react-router';

/**
 * A list's search box kept in the address (`?q=`): the box types freely, the address (and so the query)
 * follows when the typing pauses, replacing its history entry rather than adding one per keystroke.
 */
export function useUrlSearch(): { text: string; setText: (v: string) => void; q: string } {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  // The address changed by itself (Back, a link): the box follows.
  const [seen, setSeen] = useState(q);
  if (q !== seen) {
    setSeen(q);
    setText(q);
  }
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced !== text || debounced.trim() === q) return;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debounced.trim()) next.set('q', debounced.trim());
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, text, q, setParams]);
  return { text, setText, q };
}
