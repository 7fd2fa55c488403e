import type { ReactNode } from 'react';
import { Select } from '@mantine/core';
import { useEventList } from '../hooks';

interface Props {
  value: string | null;
  onChange(id: string | null): void;
  label?: string;
  placeholder?: string;
  error?: ReactNode;
  withAsterisk?: boolean;
  clearable?: boolean;
  description?: ReactNode;
  /** Events that cannot be chosen, with the reason shown beside their name. */
  unavailable?: Map<string, string>;
}

/** Events grouped by year, newest first; archived ones only when already chosen. */
export function EventSelect({
  value,
  onChange,
  label = 'Event',
  placeholder = 'Choose an event',
  unavailable,
  ...rest
}: Props) {
  const list = useEventList();
  const events = (list.data?.items ?? []).filter((e) => !e.archived || e.id === value);
  const years = [...new Set(events.map((e) => e.year))];
  const data = years.map((y) => ({
    group: String(y),
    items: events
      .filter((e) => e.year === y)
      .map((e) => {
        const why = unavailable?.get(e.id);
        const label = e.archived ? `${e.name} (archived)` : e.name;
        return why ? { value: e.id, label: `${label} · ${why}`, disabled: true } : { value: e.id, label };
      }),
  }));
  return (
    <Select
      label={label}
      placeholder={list.isPending ? 'Loading events…' : placeholder}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      nothingFoundMessage="No event matches"
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}
