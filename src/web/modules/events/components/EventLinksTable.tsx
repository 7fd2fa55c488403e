/** The event's links as a table (phones: a list of cards); a row opens the link. */
import { useState } from 'react';
import { Badge, Group, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSearch, IconSelector } from '@tabler/icons-react';
import type { Link } from '../../../../shared/links.schema';
import { formatMoney } from '../../../../shared/money';
import {
  CANONICAL_STATUSES,
  isClosed,
  labelFromSlug,
  statusOptions,
} from '../../../../shared/partnerships/statuses';
import { formatDate, plural } from '../../../ui/format';
import { StatusBadge } from '../../links/components/StatusBadge';
import classes from './EventLinksTable.module.css';

type SortKey = 'partner' | 'status' | 'amount' | 'followUp';
const order = (s: string) => {
  const i = (CANONICAL_STATUSES as readonly string[]).indexOf(s);
  return i < 0 ? CANONICAL_STATUSES.length : i;
};

function compare(a: Link, b: Link, key: SortKey): number {
  switch (key) {
    case 'status':
      return order(a.status) - order(b.status) || a.status.localeCompare(b.status);
    case 'amount':
      return (a.amount ?? -1) - (b.amount ?? -1);
    case 'followUp':
      // Undated last whichever way.
      return (a.followUpDate ?? '9999').localeCompare(b.followUpDate ?? '9999');
    default:
      return a.partnerName.localeCompare(b.partnerName);
  }
}

interface Props {
  links: Link[];
  tiers: { key: string; label: string }[];
  today: string;
  compact: boolean;
  onOpen(link: Link): void;
}

function FollowUpDate({ link, today }: { link: Link; today: string }) {
  if (!link.followUpDate)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const overdue = link.followUpDate < today && !isClosed(link.status);
  return (
    <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
      {formatDate(link.followUpDate)}
      {overdue && ' · overdue'}
    </Text>
  );
}

/** What the table's columns need; narrower content gets the cards. */
export const LINKS_TABLE_WIDTH = 900;

export function EventLinksTable({ links, tiers, today, compact, onOpen }: Props) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'status', desc: false });
  const tierLabel = (key: string) =>
    key ? (tiers.find((t) => t.key === key)?.label ?? labelFromSlug(key)) : '—';

  const needle = search.trim().toLowerCase();
  const shown = links
    .filter(
      (l) =>
        (!status || l.status === status) &&
        (!needle ||
          l.partnerName.toLowerCase().includes(needle) ||
          l.role.toLowerCase().includes(needle) ||
          (l.contactName ?? '').toLowerCase().includes(needle)),
    )
    .sort((a, b) => {
      const c = compare(a, b, sort.key) || a.partnerName.localeCompare(b.partnerName);
      return sort.desc ? -c : c;
    });
  const statusData = statusOptions(links.map((l) => l.status))
    .filter((o) => links.some((l) => l.status === o.key))
    .map((o) => ({ value: o.key, label: o.label }));

  const header = (key: SortKey, label: string, right = false, width?: number) => {
    const Icon = sort.key !== key ? IconSelector : sort.desc ? IconArrowDown : IconArrowUp;
    return (
      <Table.Th
        w={width}
        ta={right ? 'right' : undefined}
        aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined}
      >
        <UnstyledButton
          className={classes.sort}
          onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}
        >
          <Group gap={4} wrap="nowrap" justify={right ? 'flex-end' : undefined}>
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {label}
            </Text>
            <Icon size={14} />
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Stack gap={0}>
      <Group gap="sm" p="md" className={classes.filters} wrap="wrap">
        <TextInput
          placeholder="Search partner, role or contact"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          aria-label="Search links"
          style={{ flex: '2 1 220px' }}
        />
        <Select
          placeholder="Any status"
          data={statusData}
          value={status}
          onChange={setStatus}
          clearable
          aria-label="Filter by status"
          style={{ flex: '1 1 160px' }}
        />
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed" size="sm" p="xl" ta="center">
          No links match. Try another search or status.
        </Text>
      ) : compact ? (
        <Stack gap={0} data-testid="event-links">
          {shown.map((l) => (
            <UnstyledButton
              key={l.id}
              className={classes.item}
              onClick={() => onOpen(l)}
              data-testid="event-link-row"
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <Text fw={600} size="sm" truncate="end">
                    {l.partnerName}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    {[l.packageTier ? tierLabel(l.packageTier) : null, l.role || null, l.ownerName]
                      .filter(Boolean)
                      .join(' · ') || 'No tier or role yet'}
                  </Text>
                </Stack>
                <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                  <StatusBadge status={l.status} size="sm" />
                  <Text size="sm" fw={600}>
                    {l.amount === null ? '—' : formatMoney(l.amount, l.currency)}
                  </Text>
                </Stack>
              </Group>
              {l.followUpDate && (
                <Group gap={4} mt={4}>
                  <Text size="xs" c="dimmed">
                    Follow up
                  </Text>
                  <FollowUpDate link={l} today={today} />
                </Group>
              )}
            </UnstyledButton>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={LINKS_TABLE_WIDTH}>
          <Table highlightOnHover data-testid="event-links" className={classes.table}>
            <Table.Thead>
              <Table.Tr>
                {header('partner', 'Partner')}
                {header('status', 'Status', false, 150)}
                <Table.Th>Role</Table.Th>
                <Table.Th w={130}>Tier</Table.Th>
                {header('amount', 'Amount', true)}
                {header('followUp', 'Follow-up')}
                <Table.Th>Owner</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((l) => (
                <Table.Tr
                  key={l.id}
                  onClick={() => onOpen(l)}
                  className={classes.row}
                  data-testid="event-link-row"
                >
                  <Table.Td maw={260}>
                    <UnstyledButton
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(l);
                      }}
                      style={{ display: 'block', maxWidth: '100%' }}
                    >
                      <Text size="sm" fw={600} truncate="end">
                        {l.partnerName}
                      </Text>
                      {l.contactName && (
                        <Text size="xs" c="dimmed" truncate="end">
                          {l.contactName}
                        </Text>
                      )}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={l.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={l.role ? undefined : 'dimmed'}>
                      {l.role || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {l.packageTier ? (
                      <Badge variant="outline" color="gray">
                        {tierLabel(l.packageTier)}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600} c={l.amount === null ? 'dimmed' : undefined}>
                      {l.amount === null ? '—' : formatMoney(l.amount, l.currency)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <FollowUpDate link={l} today={today} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={l.ownerName ? undefined : 'dimmed'}>
                      {l.ownerName ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" c="dimmed" p="md" className={classes.footer}>
        {plural(shown.length, 'link')}
        {shown.length !== links.length ? ` of ${links.length}` : ''}
      </Text>
    </Stack>
  );
}
