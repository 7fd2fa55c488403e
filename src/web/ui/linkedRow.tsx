/**
 * The row a link pointed at. A notification or mention links to one record (/leads/:id), which lands on its
 * list with `?open=<id>` (RecordRedirectPage): the list marks that row, scrolls it into view once, and says
 * so when the record is not in the list (deleted, hidden by visibility, or further down a long list).
 */
import { useEffect, useRef } from 'react';
import { Alert } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import classes from './linkedRow.module.css';

export interface LinkedRow {
  /** The id the address asks for, or null. */
  id: string | null;
  /** Whether the list is loaded and the record is not in it. */
  missing: boolean;
  /** Props for the table row or card of a record: marked and described when it is the linked one. */
  rowProps(id: string): { 'data-linked'?: true; className?: string; 'aria-current'?: 'true' };
}

export function useLinkedRow(ids: string[], loaded: boolean): LinkedRow {
  const [params] = useSearchParams();
  const id = params.get('open');
  const found = id !== null && ids.includes(id);
  const scrolled = useRef<string | null>(null);
  useEffect(() => {
    if (!found || scrolled.current === id) return;
    scrolled.current = id;
    document.querySelector('[data-linked]')?.scrollIntoView({ block: 'center' });
  }, [found, id]);
  return {
    id,
    missing: id !== null && loaded && !found,
    rowProps: (rowId) =>
      rowId === id ? { 'data-linked': true, className: classes.linked, 'aria-current': 'true' } : {},
  };
}

/** Says that the record a link pointed at is not in this list, instead of silently showing the others. */
export function LinkedRowNotice({ linked, noun }: { linked: LinkedRow; noun: string }) {
  if (!linked.missing) return null;
  return (
    <Alert variant="light" color="yellow" icon={<IconLinkOff size={16} />} data-testid="linked-row-missing">
      The {noun} you followed a link to is not here: it was deleted, moved to another partner, or your
      visibility settings hide it.
    </Alert>
  );
}
