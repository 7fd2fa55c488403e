import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconRestore, IconSearch, IconTrash } from '@tabler/icons-react';
import { PARTNER_CHILD_KINDS } from '../../../../shared/partnerLifecycle.schema';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatRelative, plural } from '../../../ui/format';
import { LoadMore } from '../../../ui/LoadMore';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import type { TrashItem } from '../api';
import { usePartnerTrash, useRestorePartner } from '../hooks';

const DAY = 86_400_000;
const KIND: Record<(typeof PARTNER_CHILD_KINDS)[number], [string, string]> = {
  consultants: ['consultant', 'consultants'],
  accounts: ['account', 'accounts'],
  cases: ['case', 'cases'],
  leads: ['lead', 'leads'],
  opportunities: ['opportunity', 'opportunities'],
  activities: ['activity', 'activities'],
};

function withIt(item: TrashItem): string {
  const parts = PARTNER_CHILD_KINDS.filter((k) => item.counts[k] > 0).map((k) =>
    plural(item.counts[k], KIND[k][0], KIND[k][1]),
  );
  if (!parts.length) return 'Nothing else';
  return `${parts.join(', ')} ${item.related === 'delete' ? 'deleted with it' : 'unlinked'}`;
}

/** Whole days left to restore, counted down to the last instant it can be restored. */
function DaysLeft({ until, now }: { until: string; now: number }) {
  const days = Math.max(0, Math.ceil((Date.parse(until) - now) / DAY));
  return (
    <Tooltip label={`Restorable until ${formatDateTime(until)}`}>
      <Badge variant="light" color={days <= 3 ? 'red' : days <= 10 ? 'orange' : 'gray'} tt="none">
        {days === 0 ? 'Last day' : `${plural(days, 'day')} left`}
      </Badge>
    </Tooltip>
  );
}

/** Partners deleted in the last 30 days, newest first, each restorable with what went with it. */
export default function PartnerTrashPage() {
  const [search, setSearch] = useState('');
  // The moment the page opened: "days left" counts from it.
  const [now] = useState(() => Date.now());
  const [q] = useDebouncedValue(search, 300);
  const trash = usePartnerTrash(q);
  const restore = useRestorePartner();
  const items = trash.data?.pages.flatMap((p) => p.items) ?? [];

  const run = (item: TrashItem) =>
    restore.mutate(item.id, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: `${item.name} is back`,
          // Notifications render outside the router: plain text, no links.
          message: 'With the records its delete took.',
        }),
      onError: (e) => notifications.show({ color: 'red', title: 'Not restored', message: errorMessage(e) }),
    });

  return (
    <>
      <PageHeader
        back={{ to: '/partners', label: 'Partners' }}
        title="Partner trash"
        description="Deleted partners stay here for 30 days. Restoring one brings back what its delete took or unlinked."
      />
      <Card radius="lg" p={0}>
        <Stack p="md" gap="sm">
          <TextInput
            placeholder="Search deleted partners"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maw={360}
            aria-label="Search the trash"
          />
        </Stack>
        {trash.isError ? (
          <Stack p="md" pt={0}>
            <ErrorAlert error={trash.error} onRetry={() => void trash.refetch()} />
          </Stack>
        ) : !trash.isPending && items.length === 0 ? (
          <Empty
            icon={<IconTrash size={22} />}
            title={q ? 'Nothing in the trash matches' : 'The trash is empty'}
            description={q ? 'Try another name.' : 'Partners you delete appear here, restorable for 30 days.'}
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="trash-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th pl="md">Partner</Table.Th>
                  <Table.Th>Deleted</Table.Th>
                  <Table.Th>What went with it</Table.Th>
                  <Table.Th>Restore within</Table.Th>
                  <Table.Th w={120} />
                </Table.Tr>
              </Table.Thead>
              {trash.isPending ? (
                <TableSkeleton cols={5} />
              ) : (
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id} data-testid="trash-row">
                      <Table.Td pl="md">
                        <Text size="sm" fw={600}>
                          {item.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={formatDateTime(item.deletedAt)}>
                          <Text size="sm" w="fit-content">
                            {formatRelative(item.deletedAt)}
                          </Text>
                        </Tooltip>
                        <Text size="xs" c="dimmed">
                          by {item.deletedByName ?? 'someone'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {withIt(item)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <DaysLeft until={item.restorableUntil} now={now} />
                      </Table.Td>
                      <Table.Td pr="md">
                        <Group justify="flex-end">
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconRestore size={14} />}
                            onClick={() => run(item)}
                            loading={restore.isPending && restore.variables === item.id}
                            aria-label={`Restore ${item.name}`}
                          >
                            Restore
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              )}
            </Table>
          </Table.ScrollContainer>
        )}
        {trash.hasNextPage && (
          <Group
            justify="center"
            p="md"
            style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
          >
            <LoadMore query={trash} variant="default" size="sm" />
          </Group>
        )}
      </Card>
    </>
  );
}
