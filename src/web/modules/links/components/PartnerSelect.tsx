import { useState, type ReactNode } from 'react';
import { Loader, Select, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { linksApi } from '../api';

interface Props {
  value: string | null;
  onChange(id: string | null): void;
  label?: string;
  error?: ReactNode;
  withAsterisk?: boolean;
  /** Offered first while nothing is typed (the event's partners, say). */
  preferred?: ComboboxItem[];
  preferredLabel?: string;
  /** Partners that cannot be chosen, with the reason shown beside their name. */
  unavailable?: Map<string, string>;
  'data-autofocus'?: boolean;
}

/** A searchable partner picker: the server searches by name as you type. */
export function PartnerSelect({
  value,
  onChange,
  label = 'Partner',
  error,
  withAsterisk,
  preferred = [],
  preferredLabel = 'Suggested',
  unavailable,
  ...rest
}: Props) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<ComboboxItem | null>(null);
  const typed = search.trim() && search !== picked?.label ? search.trim() : '';
  const [q] = useDebouncedValue(typed, 250);
  const found = useQuery({
    queryKey: ['partners', 'options', q],
    queryFn: ({ signal }) => linksApi.partnerOptions(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const items = (found.data?.items ?? []).map((p) => {
    const why = unavailable?.get(p.id);
    return why
      ? { value: p.id, label: `${p.name} · ${why}`, disabled: true }
      : { value: p.id, label: p.name };
  });
  let data: (ComboboxItem | { group: string; items: ComboboxItem[] })[];
  if (!typed && preferred.length) {
    const ids = new Set(preferred.map((p) => p.value));
    data = [
      { group: preferredLabel, items: preferred },
      { group: 'All partners', items: items.filter((i) => !ids.has(i.value)) },
    ];
  } else {
    const needle = typed.toLowerCase();
    const extra = preferred.filter(
      (p) => p.label.toLowerCase().includes(needle) && !items.some((i) => i.value === p.value),
    );
    data = [...extra, ...items];
  }
  // The chosen partner stays an option, so its name shows whatever the list holds now.
  const flat = data.flatMap((d) => ('group' in d ? d.items : [d]));
  if (picked && picked.value === value && !flat.some((o) => o.value === picked.value))
    data = [picked, ...data];

  return (
    <Select
      label={label}
      placeholder="Search partners by name"
      searchable
      clearable
      data={data}
      value={value}
      onChange={(id, option) => {
        setPicked(id ? option : null);
        onChange(id);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No partner matches'}
      rightSection={found.isFetching && typed ? <Loader size={14} /> : undefined}
      error={error}
      withAsterisk={withAsterisk}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}
