import { useEffect, useState } from 'react';
import { Badge, Button, Collapse, Group, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { activeFilterCount, NO_FILTERS, type PartnerFilters } from '../filters';
import { useEventList } from '../../events/hooks';
import { useFilterOptions } from '../hooks';
import { usePhone } from '../../../ui/usePhone';

interface Props {
  filters: PartnerFilters;
  onChange: (patch: Partial<PartnerFilters>, opts?: { replace?: boolean }) => void;
}

const ALUMNI = [
  { value: 'true', label: 'Alumni partners' },
  { value: 'false', label: 'Not alumni' },
];

/** Search and the reference's filters (§3.1); options come from the data (filter-options, events). */
export function PartnerFilterBar({ filters, onChange }: Props) {
  const options = useFilterOptions();
  const events = useEventList();

  // The search box types freely; the address follows 250 ms after the typing stops.
  const [search, setSearch] = useState(filters.q);
  const [seenQ, setSeenQ] = useState(filters.q);
  if (filters.q !== seenQ) {
    // The address changed on its own (Back, a shared link): show its search.
    setSeenQ(filters.q);
    setSearch(filters.q);
  }
  const [debounced] = useDebouncedValue(search, 250);
  useEffect(() => {
    if (debounced === search && debounced.trim() !== filters.q.trim())
      onChange({ q: debounced }, { replace: true });
  }, [debounced, search, filters.q, onChange]);

  const eventData = (() => {
    const byYear = new Map<number, { value: string; label: string }[]>();
    for (const e of events.data?.items ?? []) {
      const items = byYear.get(e.year) ?? [];
      items.push({ value: e.id, label: e.archived ? `${e.name} (archived)` : e.name });
      byYear.set(e.year, items);
    }
    return [...byYear].map(([year, items]) => ({ group: String(year), items }));
  })();
  const opts = options.data;
  const count = activeFilterCount(filters);
  const selects = count - (filters.q.trim() ? 1 : 0);
  // On a phone the six selects fold away behind a button (open when one of them is set).
  const phone = usePhone();
  const [showSelects, setShowSelects] = useState(selects > 0);

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          placeholder="Search company, contact, email, tags, notes…"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
          aria-label="Search partners"
        />
        {phone && (
          <Button
            variant={showSelects ? 'light' : 'default'}
            leftSection={<IconAdjustmentsHorizontal size={16} />}
            rightSection={
              selects > 0 ? (
                <Badge size="xs" circle>
                  {selects}
                </Badge>
              ) : undefined
            }
            onClick={() => setShowSelects((v) => !v)}
            aria-expanded={showSelects}
          >
            Filters
          </Button>
        )}
        <Switch
          label="Include archived"
          checked={filters.includeArchived}
          onChange={(e) => onChange({ includeArchived: e.currentTarget.checked })}
        />
        {count > 0 && (
          <Button
            variant="subtle"
            size="sm"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => {
              setSearch('');
              onChange({ ...NO_FILTERS, includeArchived: filters.includeArchived });
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <Collapse expanded={!phone || showSelects}>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
          <Select
            placeholder="Status"
            aria-label="Filter by status"
            data={(opts?.statuses ?? []).map((s) => ({ value: s.key, label: s.label }))}
            value={filters.status}
            onChange={(v) => onChange({ status: v })}
            clearable
            searchable
          />
          <Select
            placeholder="Event"
            aria-label="Filter by event"
            data={eventData}
            value={filters.eventId}
            onChange={(v) => onChange({ eventId: v })}
            clearable
            searchable
            comboboxProps={{ width: 280, position: 'bottom-start' }}
          />
          <Select
            placeholder="Package tier"
            aria-label="Filter by package tier"
            data={(opts?.packageTiers ?? []).map((t) => ({ value: t.key, label: t.label }))}
            value={filters.packageTier}
            onChange={(v) => onChange({ packageTier: v })}
            clearable
            searchable
          />
          <Select
            placeholder="Partner tier"
            aria-label="Filter by partner tier"
            data={(opts?.levels ?? []).map((l) => ({ value: l.id, label: l.name }))}
            value={filters.levelId}
            onChange={(v) => onChange({ levelId: v })}
            clearable
          />
          <Select
            placeholder="Alumni"
            aria-label="Filter by alumni"
            data={ALUMNI}
            value={filters.isAlumni}
            onChange={(v) => onChange({ isAlumni: v as PartnerFilters['isAlumni'] })}
            clearable
          />
          <Select
            placeholder="Tag"
            aria-label="Filter by tag"
            data={opts?.tags ?? []}
            value={filters.tag}
            onChange={(v) => onChange({ tag: v })}
            clearable
            searchable
          />
        </SimpleGrid>
      </Collapse>
    </Stack>
  );
}
