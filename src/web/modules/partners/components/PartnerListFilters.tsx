import '@mantine/dates/styles.css';
import { useState } from 'react';
import { MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useOwnerOptions } from '../../links/hooks';
import { countryOptions } from '../countries';
import { useFilterOptions } from '../hooks';
import type { ListParam, ListState } from '../listParams';

type Patch = Partial<Record<ListParam, string | null>>;

const YES_NO = (yes: string, no: string) => [
  { value: 'true', label: yes },
  { value: 'false', label: no },
];

/** A text filter that reaches the address when the user presses Enter or leaves the field. */
function CommitInput({
  label,
  value,
  onCommit,
}: {
  label: string;
  value?: string;
  onCommit: (v: string | null) => void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value ?? '');
  }
  const commit = () => {
    if (draft.trim() !== (value ?? '')) onCommit(draft.trim() || null);
  };
  return (
    <TextInput
      label={label}
      placeholder="Any"
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

/** A date range that reaches the address once both ends are chosen (or both cleared). */
function RangeInput({
  label,
  from,
  to,
  onCommit,
}: {
  label: string;
  from?: string;
  to?: string;
  onCommit: (from: string | null, to: string | null) => void;
}) {
  const [draft, setDraft] = useState<DatesRangeValue<string>>([from ?? null, to ?? null]);
  const [seen, setSeen] = useState(`${from}|${to}`);
  if (seen !== `${from}|${to}`) {
    setSeen(`${from}|${to}`);
    setDraft([from ?? null, to ?? null]);
  }
  return (
    <DatePickerInput
      type="range"
      label={label}
      placeholder="Any date"
      value={draft}
      onChange={(v) => {
        setDraft(v);
        if ((v[0] && v[1]) || (!v[0] && !v[1])) onCommit(v[0], v[1]);
      }}
      clearable
      allowSingleDateInRange
      leftSection={<IconCalendar size={16} />}
      valueFormat="MMM D, YYYY"
    />
  );
}

/** A filter on every field the partners API filters by. */
export function PartnerListFilters({ state, onChange }: { state: ListState; onChange: (p: Patch) => void }) {
  const options = useFilterOptions();
  const owners = useOwnerOptions();
  const levels = [
    ...(options.data?.levels ?? []).map((l) => ({ value: l.id, label: l.name })),
    { value: 'none', label: 'No level' },
  ];
  const tags = state.tags ? state.tags.split(',').filter(Boolean) : [];
  return (
    <SimpleGrid
      cols={{ base: 1, xs: 2, sm: 3, lg: 4 }}
      spacing="sm"
      verticalSpacing="xs"
      data-testid="partner-filters"
    >
      <Select
        label="Owner"
        placeholder="Anyone"
        data={owners}
        value={state.ownerId ?? null}
        onChange={(v) => onChange({ ownerId: v })}
        searchable
        clearable
      />
      <Select
        label="Level"
        placeholder="Any level"
        data={levels}
        value={state.level === 'none' ? 'none' : (state.levelId ?? null)}
        onChange={(v) =>
          onChange(v === 'none' ? { level: 'none', levelId: null } : { levelId: v, level: null })
        }
        clearable
      />
      <Select
        label="Status"
        placeholder="Any status"
        data={[
          { value: 'active', label: 'Active' },
          { value: 'inactive', label: 'Inactive' },
        ]}
        value={state.partnerStatus ?? null}
        onChange={(v) => onChange({ partnerStatus: v })}
        clearable
      />
      <Select
        label="Country"
        placeholder="Any country"
        data={countryOptions()}
        value={state.country ?? null}
        onChange={(v) => onChange({ country: v })}
        searchable
        clearable
        limit={50}
      />
      <MultiSelect
        label="Tags"
        placeholder={tags.length ? undefined : 'Any tags'}
        description={tags.length > 1 ? 'Partners with all of these' : undefined}
        data={[...new Set([...(options.data?.tags ?? []), ...tags])]}
        value={tags}
        onChange={(v) => onChange({ tags: v.length ? v.join(',') : null })}
        searchable
        clearable
      />
      <CommitInput label="Industry" value={state.industry} onCommit={(v) => onChange({ industry: v })} />
      <CommitInput label="City" value={state.city} onCommit={(v) => onChange({ city: v })} />
      <CommitInput label="Region" value={state.region} onCommit={(v) => onChange({ region: v })} />
      <Select
        label="Visible to"
        placeholder="Any visibility"
        data={[
          { value: 'everyone', label: 'Everyone' },
          { value: 'team', label: "Owner's team" },
          { value: 'owner', label: 'Owner only' },
        ]}
        value={state.visibility ?? null}
        onChange={(v) => onChange({ visibility: v })}
        clearable
      />
      <Select
        label="Customer"
        placeholder="Either"
        data={YES_NO('Also a customer', 'Not a customer')}
        value={state.isCustomer ?? null}
        onChange={(v) => onChange({ isCustomer: v })}
        clearable
      />
      <RangeInput
        label="Created"
        from={state.createdFrom}
        to={state.createdTo}
        onCommit={(from, to) => onChange({ createdFrom: from, createdTo: to })}
      />
      <RangeInput
        label="Updated"
        from={state.updatedFrom}
        to={state.updatedTo}
        onCommit={(from, to) => onChange({ updatedFrom: from, updatedTo: to })}
      />
    </SimpleGrid>
  );
}
