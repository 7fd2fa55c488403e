import { useState } from 'react';
import { ActionIcon, Anchor, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconLinkOff, IconPlus } from '@tabler/icons-react';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { LinkedRowNotice, useLinkedRow } from '../../../ui/linkedRow';
import { scopedItems } from '../../../ui/scopedPages';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import type { Account } from '../../accounts/api';
import { LinkAccountModal } from '../../accounts/components/LinkAccountModal';
import { useManagedAccounts, useUnlinkAccount } from '../../accounts/hooks';
import type { Partner } from '../api';
import { LoadMore } from '../../../ui/LoadMore';

const href = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

/** The customer accounts this partner manages for us, each since a date; link one or stop managing it. */
export function AccountsTab({ partner }: { partner: Partner }) {
  const me = useUser();
  const q = useManagedAccounts(partner.id);
  const unlink = useUnlinkAccount(partner.id);
  const [linking, setLinking] = useState(0);
  const mayEdit = can(me.permissions, 'accounts.edit');
  const mayCreate = can(me.permissions, 'accounts.create');
  const { items, hiddenCount } = scopedItems(q.data);
  const linked = useLinkedRow(
    items.map((a) => a.id),
    !q.isPending && !q.hasNextPage,
  );

  const confirmUnlink = (a: Account) =>
    modals.openConfirmModal({
      title: `Stop managing ${a.name}?`,
      children: (
        <Text size="sm">
          {a.name} stays a customer account, without a managing partner. Its cases and deals are kept.
        </Text>
      ),
      labels: { confirm: 'Unlink account', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        unlink.mutate(a, {
          onSuccess: () => notifications.show({ message: `${partner.name} no longer manages ${a.name}.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not unlinked', message: errorMessage(e) }),
        }),
    });

  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const addButton = (mayEdit || mayCreate) && (
    <Button
      variant="light"
      size="xs"
      leftSection={<IconPlus size={14} />}
      onClick={() => setLinking((k) => k + 1)}
    >
      Link account
    </Button>
  );

  return (
    <Stack gap="sm">
      <LinkedRowNotice linked={linked} noun="account" />
      {!q.isPending && items.length === 0 ? (
        <Empty
          icon={<IconBuildingStore size={22} />}
          title="No managed accounts"
          description={`Link the customer organisations ${partner.name} manages for us, with the date it started.`}
          action={addButton}
        />
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Customer organisations {partner.name} manages for us.
            </Text>
            {addButton}
          </Group>
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover data-testid="accounts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Industry</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Managed since</Table.Th>
                  <Table.Th w={50} />
                </Table.Tr>
              </Table.Thead>
              {q.isPending ? (
                <TableSkeleton cols={6} rows={3} />
              ) : (
                <Table.Tbody>
                  {items.map((a) => (
                    <Table.Tr key={a.id} data-testid="account-row" {...linked.rowProps(a.id)}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {a.name}
                        </Text>
                        {a.website && (
                          <Anchor href={href(a.website)} target="_blank" rel="noreferrer" size="xs">
                            {a.website.replace(/^https?:\/\/(www\.)?/i, '')}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td>{a.industry || '—'}</Table.Td>
                      <Table.Td>{[a.city, a.country].filter(Boolean).join(', ') || '—'}</Table.Td>
                      <Table.Td>{a.ownerName ?? '—'}</Table.Td>
                      <Table.Td>{formatDate(a.managedSince)}</Table.Td>
                      <Table.Td>
                        {mayEdit && (
                          <Tooltip label="Stop managing">
                            <ActionIcon
                              aria-label={`Unlink ${a.name}`}
                              color="red"
                              onClick={() => confirmUnlink(a)}
                            >
                              <IconLinkOff size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              )}
            </Table>
          </Table.ScrollContainer>
          <LoadMore query={q} />
        </>
      )}
      <HiddenNotice count={hiddenCount} singular="account" />
      {linking > 0 && (
        <LinkAccountModal
          key={linking}
          partnerId={partner.id}
          partnerName={partner.name}
          linked={new Set(items.map((a) => a.id))}
          mayCreate={mayCreate}
          opened
          onClose={() => setLinking(0)}
        />
      )}
    </Stack>
  );
}
