import { Badge, Group, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { formatMoney } from '../../../../shared/money';
import { formatDateTime, formatRelative } from '../../../ui/format';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import type { Partner } from '../api';
import { StatusBadge } from '../../links/components/StatusBadge';
import { StatusChips } from './StatusChips';
import classes from './PartnerRows.module.css';

/** What the table's eight columns need; narrower content gets the cards. */
export const PARTNER_TABLE_WIDTH = 1000;

export const partnerPath = (id: string) => `/partnerships/partners/${id}`;

function Badges({ p }: { p: Partner }) {
  return (
    <>
      {p.isAlumni && (
        <Badge size="xs" color="grape" variant="light" style={{ flexShrink: 0 }}>
          Alumni
        </Badge>
      )}
      {p.archivedAt && (
        <Badge size="xs" color="gray" variant="filled" style={{ flexShrink: 0 }}>
          Archived
        </Badge>
      )}
    </>
  );
}

function Who({ p }: { p: Partner }) {
  const sub = [p.primaryContactName, p.levelName].filter(Boolean).join(' · ');
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap">
        <Text
          component={Link}
          to={partnerPath(p.id)}
          size="sm"
          fw={600}
          truncate="end"
          className={classes.name}
        >
          {p.name}
        </Text>
        <Badges p={p} />
      </Group>
      <Text size="xs" c="dimmed" truncate="end">
        {sub || 'No contact yet'}
      </Text>
    </Stack>
  );
}

function Touched({ p }: { p: Partner }) {
  const m = p.metrics;
  if (!m.lastTouchedAt)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={2} align="flex-start">
      {m.latestStatus && <StatusBadge status={m.latestStatus} size="xs" variant="light" tt="none" />}
      <Tooltip label={formatDateTime(m.lastTouchedAt)}>
        <Text size="xs" c="dimmed" w="fit-content">
          {formatRelative(m.lastTouchedAt)}
        </Text>
      </Tooltip>
    </Stack>
  );
}

interface Props {
  partners: Partner[];
  loading: boolean;
  dimmed: boolean;
  currency: string;
  /** Cards, one per partner, where the content is narrower than the table (PARTNER_TABLE_WIDTH). */
  compact: boolean;
}

export function PartnerRows({ partners, loading, dimmed, currency, compact }: Props) {
  // Compact (CA$39K) so eight columns fit; the partner page shows exact amounts.
  const money = (n: number) => formatMoney(n, currency, undefined, true);
  if (compact)
    return (
      <Stack
        gap={0}
        data-testid="partners-table"
        aria-busy={loading || dimmed}
        style={{ opacity: dimmed ? 0.6 : 1 }}
      >
        {loading
          ? [0, 1, 2, 3, 4].map((i) => (
              <Stack key={i} className={classes.item} gap={6}>
                <Skeleton height={12} width="50%" />
                <Skeleton height={10} width="70%" />
                <Skeleton height={10} width="40%" />
              </Stack>
            ))
          : partners.map((p) => (
              <Link key={p.id} to={partnerPath(p.id)} className={classes.item} data-testid="partner-row">
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={600} truncate="end">
                        {p.name}
                      </Text>
                      <Badges p={p} />
                    </Group>
                    <Text size="xs" c="dimmed" truncate="end">
                      {[p.primaryContactName, p.levelName].filter(Boolean).join(' · ') || 'No contact yet'}
                    </Text>
                  </Stack>
                  <Stack gap={0} align="flex-end">
                    <Text size="sm" fw={600} className={classes.num}>
                      {money(p.metrics.totalAmount)}
                    </Text>
                    <Text size="xs" c="dimmed" className={classes.num}>
                      {money(p.metrics.securedAmount)} secured
                    </Text>
                  </Stack>
                </Group>
                <Group gap={6} mt={8} justify="space-between" wrap="nowrap" align="flex-start">
                  <StatusChips breakdown={p.metrics.statusBreakdown} />
                  <Text size="xs" c="dimmed" className={classes.num}>
                    {p.metrics.relationshipCount} links · {p.metrics.confirmedCount} conf. ·{' '}
                    {p.metrics.paidCount} paid
                  </Text>
                </Group>
              </Link>
            ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={PARTNER_TABLE_WIDTH}>
      <Table
        highlightOnHover
        data-testid="partners-table"
        aria-busy={loading || dimmed}
        style={{ opacity: dimmed ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Partner</Table.Th>
            <Table.Th>Statuses</Table.Th>
            <Table.Th ta="right">
              <Tooltip label="Relationships: event involvements">
                <span>Links</span>
              </Tooltip>
            </Table.Th>
            <Table.Th ta="right">Confirmed</Table.Th>
            <Table.Th ta="right">Paid</Table.Th>
            <Table.Th ta="right">Pipeline</Table.Th>
            <Table.Th ta="right">Secured</Table.Th>
            <Table.Th w={130}>Latest</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {loading ? (
          <TableSkeleton cols={8} />
        ) : (
          <Table.Tbody>
            {partners.map((p) => (
              <Table.Tr key={p.id} data-testid="partner-row">
                <Table.Td maw={260}>
                  <Who p={p} />
                </Table.Td>
                <Table.Td maw={300}>
                  {p.metrics.statusBreakdown.length ? (
                    <StatusChips breakdown={p.metrics.statusBreakdown} />
                  ) : (
                    <Text size="xs" c="dimmed">
                      No involvements
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  {p.metrics.relationshipCount}
                </Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  {p.metrics.confirmedCount}
                </Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  {p.metrics.paidCount}
                </Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  {money(p.metrics.totalAmount)}
                </Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  <Text size="sm" c={p.metrics.securedAmount > 0 ? 'teal' : 'dimmed'} span>
                    {money(p.metrics.securedAmount)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Touched p={p} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
