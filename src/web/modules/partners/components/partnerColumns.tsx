/** The partners list's columns: what each shows, which sort it offers, and which the user chose to see. */
import { useCallback, useState, type ReactNode } from 'react';
import { Anchor, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../ui/format';
import type { Partner } from '../api';
import { countryName } from '../countries';

export const managePartnerPath = (id: string) => `/partners/${id}`;

export interface PartnerColumn {
  key: string;
  label: string;
  /** The API's sort key, when the column can be sorted. */
  sort?: string;
  /** Roughly how wide it needs to be, so the table scrolls sideways rather than squeezing. */
  width: number;
  render: (p: Partner) => ReactNode;
}

const dim = (v: ReactNode) => (
  <Text size="sm" c="dimmed" span>
    {v}
  </Text>
);
const orDash = (v: string | null | undefined) => (v ? v : dim('—'));

const VISIBILITY_LABEL: Record<Partner['visibility'], string> = {
  everyone: 'Everyone',
  team: "Owner's team",
  owner: 'Owner only',
};

export const PARTNER_COLUMNS: PartnerColumn[] = [
  {
    key: 'name',
    label: 'Partner',
    width: 220,
    sort: 'name',
    render: (p) => (
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={managePartnerPath(p.id)} size="sm" fw={600} truncate="end">
            {p.name}
          </Anchor>
          {p.archivedAt && (
            <Badge size="xs" color="gray" variant="filled" style={{ flexShrink: 0 }}>
              Archived
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" truncate="end">
          {p.primaryContactName ?? 'No consultant yet'}
        </Text>
      </Stack>
    ),
  },
  { key: 'level', label: 'Level', width: 100, render: (p) => orDash(p.levelName) },
  {
    key: 'status',
    label: 'Status',
    width: 90,
    sort: 'status',
    render: (p) => (
      <Badge size="sm" variant="light" color={p.status === 'active' ? 'teal' : 'gray'}>
        {p.status === 'active' ? 'Active' : 'Inactive'}
      </Badge>
    ),
  },
  { key: 'owner', label: 'Owner', width: 130, render: (p) => orDash(p.ownerName) },
  {
    key: 'country',
    label: 'Country',
    width: 80,
    sort: 'country',
    render: (p) =>
      p.country ? (
        <Tooltip label={countryName(p.country)}>
          <Text size="sm" span>
            {p.country}
          </Text>
        </Tooltip>
      ) : (
        dim('—')
      ),
  },
  { key: 'city', label: 'City', width: 120, sort: 'city', render: (p) => orDash(p.city) },
  { key: 'region', label: 'Region', width: 110, render: (p) => orDash(p.region) },
  { key: 'industry', label: 'Industry', width: 130, sort: 'industry', render: (p) => orDash(p.industry) },
  {
    key: 'tags',
    label: 'Tags',
    width: 160,
    render: (p) =>
      p.tags.length ? (
        <Tooltip label={p.tags.join(', ')} disabled={p.tags.length < 2} multiline maw={260}>
          <Text size="sm" c="dimmed" truncate="end" maw={200}>
            {p.tags.join(', ')}
          </Text>
        </Tooltip>
      ) : (
        dim('—')
      ),
  },
  { key: 'email', label: 'Email', width: 200, render: (p) => orDash(p.email) },
  { key: 'phone', label: 'Phone', width: 140, render: (p) => orDash(p.phone) },
  {
    key: 'website',
    label: 'Website',
    width: 180,
    render: (p) => orDash(p.website.replace(/^https?:\/\//, '')),
  },
  { key: 'visibility', label: 'Visible to', width: 120, render: (p) => VISIBILITY_LABEL[p.visibility] },
  {
    key: 'customer',
    label: 'Customer',
    width: 100,
    render: (p) =>
      p.isCustomer ? (
        <Badge size="xs" variant="light">
          Customer
        </Badge>
      ) : (
        dim('—')
      ),
  },
  {
    key: 'createdAt',
    label: 'Created',
    width: 110,
    sort: 'createdAt',
    render: (p) => (
      <Tooltip label={formatDateTime(p.createdAt)}>
        <Text size="sm" span>
          {formatDate(p.createdAt)}
        </Text>
      </Tooltip>
    ),
  },
  {
    key: 'updatedAt',
    label: 'Updated',
    width: 110,
    sort: 'updatedAt',
    render: (p) => (
      <Tooltip label={formatDateTime(p.updatedAt)}>
        <Text size="sm" span>
          {formatDate(p.updatedAt)}
        </Text>
      </Tooltip>
    ),
  },
];

export const DEFAULT_COLUMNS = ['name', 'level', 'status', 'owner', 'country', 'city', 'tags', 'updatedAt'];

/** The columns this user chose, kept in this browser (the partner name always shows). */
export function useColumnChoice(userId: string): [string[], (keys: string[]) => void] {
  const storageKey = `accord.partners.columns.${userId}`;
  const [keys, setKeys] = useState<string[]>(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as unknown;
      if (Array.isArray(saved)) {
        const known = saved.filter((k): k is string => PARTNER_COLUMNS.some((c) => c.key === k));
        if (known.length) return known.includes('name') ? known : ['name', ...known];
      }
    } catch {
      // Unreadable: the defaults.
    }
    return DEFAULT_COLUMNS;
  });
  const choose = useCallback(
    (next: string[]) => {
      const ordered = PARTNER_COLUMNS.map((c) => c.key).filter((k) => k === 'name' || next.includes(k));
      setKeys(ordered);
      try {
        localStorage.setItem(storageKey, JSON.stringify(ordered));
      } catch {
        // Private mode: the choice lasts until the page closes.
      }
    },
    [storageKey],
  );
  return [keys, choose];
}
