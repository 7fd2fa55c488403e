import { useState } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Account } from '../api';
import { useAccountSearch } from '../hooks';

interface Props extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: string | null;
  /** The chosen account's name when the form opens, so it shows before any search. */
  initialName?: string | null;
  onChange(id: string | null, account: Account | null): void;
  /** Accounts that may not be picked (already linked). */
  exclude?: ReadonlySet<string>;
}

/** Pick a customer account by typing part of its name (searched on the server, 20 at a time). */
export function AccountSelect({ value, initialName, onChange, exclude, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [opened, setOpened] = useState(false);
  const [chosen, setChosen] = useState(value ? { value, label: initialName ?? 'Selected account' } : null);
  // After a pick the input shows the chosen label: that is no search.
  const q = chosen && debounced === chosen.label ? '' : debounced;
  const accounts = useAccountSearch(q, opened || Boolean(q));
  const items = accounts.data?.items ?? [];
  const label = (a: Account) => (a.managedByName ? `${a.name} (managed by ${a.managedByName})` : a.name);
  const data = items.map((a) => ({ value: a.id, label: label(a), disabled: exclude?.has(a.id) }));
  if (value && chosen?.value === value && !data.some((d) => d.value === value))
    data.unshift({ ...chosen, disabled: false });
  return (
    <Select
      searchable
      clearable
      data={data}
      value={value}
      filter={({ options }) => options}
      nothingFoundMessage={accounts.isFetching ? 'Searching…' : 'No account matches'}
      onDropdownOpen={() => setOpened(true)}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => {
        const account = items.find((a) => a.id === id) ?? null;
        setChosen(id && account ? { value: id, label: label(account) } : null);
        onChange(id, account);
      }}
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}
