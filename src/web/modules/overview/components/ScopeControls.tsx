/** The four scope controls (reference §2.1, decision 2): year, event, follow-up window, include archived. */
import { Group, Select, SimpleGrid, Switch } from '@mantine/core';
import { IconCalendar, IconCalendarEvent, IconClockHour4 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { eventsApi } from '../../events/api';
import { compareEvents } from '../../events/format';
import { eventListKey } from '../../events/hooks';
import { windowOptions, type OverviewScopeParams, type YearChoice } from '../scope';
import { SCOPE_COLS } from './layout';

interface EventOption {
  id: string;
  name: string;
  year: number;
  archived: boolean;
}

interface Props {
  scope: OverviewScopeParams;
  onChange(next: OverviewScopeParams): void;
  /** Years the report found (shown events); the event list adds the archived ones. */
  availableYears: number[];
  /** The latest year, which auto resolves to; shown in the auto option. */
  autoYear: number | null;
  /** Events to offer when the event list cannot be read (no events.view): the scoreboard's. */
  fallbackEvents: EventOption[];
}

const ALL = 'all';

export function ScopeControls({ scope, onChange, availableYears, autoYear, fallbackEvents }: Props) {
  const me = useUser();
  const mayList = can(me.permissions, 'events.view');
  // The Events page's list (same cache), archived events included; only for those who may read it.
  const list = useQuery({
    queryKey: eventListKey,
    queryFn: ({ signal }) => eventsApi.list(signal),
    enabled: mayList,
    staleTime: 30_000,
  });
  const events: EventOption[] =
    mayList && list.data ? [...list.data.items].sort(compareEvents) : fallbackEvents;
  const years = [...new Set([...availableYears, ...events.map((e) => e.year)])].sort((a, b) => b - a);

  const yearData = [
    { value: 'auto', label: autoYear ? `Auto (latest: ${autoYear})` : 'Auto (latest year)' },
    { value: 'all', label: 'All years' },
    ...years.map((y) => ({ value: String(y), label: String(y) })),
  ];
  // The events of the chosen year (every year for auto and all), archived ones marked.
  const offered = events.filter((e) => typeof scope.year !== 'number' || e.year === scope.year);
  const eventData = [
    { value: ALL, label: 'All events' },
    ...[...new Set(offered.map((e) => e.year))].map((y) => ({
      group: String(y),
      items: offered
        .filter((e) => e.year === y)
        .map((e) => ({ value: e.id, label: e.archived ? `${e.name} (archived)` : e.name })),
    })),
  ];
  const known = offered.some((e) => e.id === scope.eventId);

  const setYear = (value: string | null) => {
    const year: YearChoice = value === 'all' ? 'all' : value && value !== 'auto' ? Number(value) : 'auto';
    const event = events.find((e) => e.id === scope.eventId);
    // An event of another year would leave nothing in scope: the filter goes back to all events.
    const keep = typeof year !== 'number' || !event || event.year === year;
    onChange({ ...scope, year, eventId: keep ? scope.eventId : null });
  };

  return (
    <SimpleGrid type="container" cols={SCOPE_COLS} spacing="sm" data-testid="overview-scope">
      <Select
        label="Year"
        leftSection={<IconCalendar size={16} />}
        data={yearData}
        value={String(scope.year)}
        onChange={setYear}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label="Event"
        leftSection={<IconCalendarEvent size={16} />}
        data={eventData}
        // An event id from the address that is not offered (yet) still shows as chosen.
        value={scope.eventId && known ? scope.eventId : scope.eventId ? null : ALL}
        placeholder={list.isLoading ? 'Loading events…' : 'Event not in this year'}
        onChange={(v) => onChange({ ...scope, eventId: v && v !== ALL ? v : null })}
        allowDeselect={false}
        searchable
        nothingFoundMessage="No event matches"
        maxDropdownHeight={320}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label="Follow-up window"
        leftSection={<IconClockHour4 size={16} />}
        data={windowOptions(scope.windowDays).map((d) => ({ value: String(d), label: `${d} days` }))}
        value={String(scope.windowDays)}
        onChange={(v) => v && onChange({ ...scope, windowDays: Number(v) })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Group align="flex-end" pb={8}>
        <Switch
          label="Include archived events"
          checked={scope.includeArchived}
          onChange={(e) => onChange({ ...scope, includeArchived: e.currentTarget.checked })}
        />
      </Group>
    </SimpleGrid>
  );
}
