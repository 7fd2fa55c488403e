import { useCallback, useState } from 'react';
import { Badge, Button, Drawer, Group, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconInfoCircle, IconMessages, IconPencil, IconTrash } from '@tabler/icons-react';
import { formatMoney } from '../../../../shared/money';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { formatDate, formatDateTime } from '../../../ui/format';
import type { ValueResolver } from '../../../ui/history/changes';
import { HistoryPanel } from '../../../ui/history/HistoryPanel';
import { CommentsPanel } from '../../comments/components/CommentsPanel';
import { useOwnerOptions } from '../../links/hooks';
import type { Opportunity } from '../api';
import { useDeleteOpportunity, useStages } from '../hooks';
import { stageColor } from '../labels';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

/** Names for the raw values of a deal's history: stages, owners, amounts in the deal's currency. */
function useDealResolver(deal: Opportunity): ValueResolver {
  const stages = useStages();
  const owners = useOwnerOptions({ id: deal.ownerId, name: deal.ownerName });
  const list = stages.data;
  return useCallback(
    (field: string, value: unknown) => {
      if (field === 'stage_id') return list?.find((s) => s.id === value)?.name;
      if (field === 'owner_id') return owners.find((o) => o.value === value)?.label.replace(/ \(you\)$/, '');
      if (field === 'amount' && typeof value === 'number') return formatMoney(value, deal.currency);
      if (field === 'probability' && typeof value === 'number') return `${value} %`;
      if (field === 'account_id' && value === deal.accountId) return deal.accountName ?? undefined;
      if (field === 'partner_id' && value === deal.partnerId) return deal.partnerName ?? undefined;
      return undefined;
    },
    [list, owners, deal],
  );
}

/** One deal: its facts, its history (stage moves included) and its discussion; edit and delete from here. */
export function OpportunityDrawer({
  deal,
  onClose,
  onEdit,
}: {
  deal: Opportunity | null;
  onClose(): void;
  onEdit(deal: Opportunity): void;
}) {
  return (
    <Drawer
      opened={deal !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={deal?.name}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {deal && <DealBody key={deal.id} deal={deal} onClose={onClose} onEdit={onEdit} />}
    </Drawer>
  );
}

function DealBody({
  deal,
  onClose,
  onEdit,
}: {
  deal: Opportunity;
  onClose(): void;
  onEdit(deal: Opportunity): void;
}) {
  const me = useUser();
  const remove = useDeleteOpportunity();
  const resolve = useDealResolver(deal);
  const stage = useStages().data?.find((s) => s.id === deal.stageId);
  const [tab, setTab] = useState<string | null>('details');
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete ${deal.name}?`,
      children: (
        <Text size="sm">
          The opportunity ({formatMoney(deal.amount, deal.currency)}, {deal.stageName}) leaves the pipeline
          and the forecasts.
        </Text>
      ),
      labels: { confirm: 'Delete opportunity', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(deal, {
          onSuccess: () => {
            notifications.show({ message: `${deal.name} is deleted.` });
            onClose();
          },
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Badge
            color={stageColor(stage ?? { outcome: deal.outcome, position: 0 })}
            variant="light"
            tt="none"
          >
            {deal.stageName}
          </Badge>
          <Text fw={700}>{formatMoney(deal.amount, deal.currency)}</Text>
          <Text size="sm" c="dimmed">
            {deal.probability} % · weighted {formatMoney(deal.weightedAmount, deal.currency)}
          </Text>
        </Group>
        <Group gap="xs">
          {can(me.permissions, 'opportunities.edit') && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} />}
              onClick={() => onEdit(deal)}
            >
              Edit
            </Button>
          )}
          {can(me.permissions, 'opportunities.delete') && (
            <Button
              size="xs"
              variant="default"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={confirmDelete}
            >
              Delete
            </Button>
          )}
        </Group>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="details" leftSection={<IconInfoCircle size={16} />}>
            Details
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            History
          </Tabs.Tab>
          <Tabs.Tab value="comments" leftSection={<IconMessages size={16} />}>
            Comments
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <Stack gap="md">
            <SimpleGrid cols={2} spacing="md">
              <Fact label="Expected close">{formatDate(deal.expectedCloseDate)}</Fact>
              <Fact label="Owner">{deal.ownerName ?? '—'}</Fact>
              <Fact label="Customer account">{deal.accountName ?? '—'}</Fact>
              <Fact label="Contact">{deal.contactName ?? '—'}</Fact>
              {deal.closedAt && <Fact label="Closed">{formatDateTime(deal.closedAt)}</Fact>}
              {deal.leadId && <Fact label="From a lead">Converted lead</Fact>}
              <Fact label="Created">{formatDateTime(deal.createdAt)}</Fact>
              <Fact label="Updated">{formatDateTime(deal.updatedAt)}</Fact>
            </SimpleGrid>
            {deal.outcome === 'lost' && deal.lostReason && <Fact label="Lost reason">{deal.lostReason}</Fact>}
            {deal.description && (
              <Fact label="Description">
                <span style={{ whiteSpace: 'pre-wrap' }}>{deal.description}</span>
              </Fact>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryPanel entity="opportunity" entityId={deal.id} resolve={resolve} />
        </Tabs.Panel>
        <Tabs.Panel value="comments">
          <CommentsPanel entity="opportunity" entityId={deal.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
