import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconTrash } from '@tabler/icons-react';
import {
  PARTNER_CHILD_KINDS,
  TRASH_DAYS,
  type PartnerChildKind,
} from '../../../../shared/partnerLifecycle.schema';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useDeleteImpact, useDeletePartner } from '../hooks';

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const LABEL: Record<PartnerChildKind, string> = {
  consultants: 'Consultants',
  accounts: 'Managed accounts',
  cases: 'Cases',
  leads: 'Leads',
  opportunities: 'Opportunities',
  activities: 'Sales activities',
};

/**
 * Delete a partner: what it affects, counted by the server (every record, also those the caller cannot
 * see), and the choice of taking them to the trash too or keeping them without a partner. Restorable for
 * 30 days from the trash.
 */
export function DeletePartnerDialog({
  partner,
  opened,
  onClose,
  onDeleted,
}: {
  partner: { id: string; name: string };
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const impact = useDeleteImpact(partner.id, opened);
  const remove = useDeletePartner();
  const [related, setRelated] = useState<'delete' | 'unlink'>('delete');
  const data = impact.data;
  const total = data ? PARTNER_CHILD_KINDS.reduce((n, k) => n + data.counts[k], 0) : 0;
  const always = new Set(data?.alwaysDeleted ?? []);
  const fate = (k: PartnerChildKind) =>
    related === 'delete' || always.has(k) ? 'To the trash with it' : 'Kept, without a partner';

  const confirm = () =>
    remove.mutate(
      { id: partner.id, related: total === 0 ? 'delete' : related },
      {
        onSuccess: (r) => {
          notifications.show({
            color: 'teal',
            title: `${r.name} is in the trash`,
            message: `You can restore it from the Trash for ${TRASH_DAYS} days.`,
          });
          onClose();
          onDeleted();
        },
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title={`Delete ${partner.name}?`} size="lg">
      <Stack gap="md">
        {impact.isError ? (
          <ErrorAlert error={impact.error} onRetry={() => void impact.refetch()} />
        ) : !data ? (
          <Stack gap={8} aria-busy="true" aria-label="Counting what the delete affects">
            <Skeleton height={14} width="70%" />
            <Skeleton height={120} radius="md" />
          </Stack>
        ) : total === 0 ? (
          <Text size="sm">
            {partner.name} has no consultants, accounts, cases, leads, opportunities or activities. It goes to
            the trash, where you can restore it for {TRASH_DAYS} days.
          </Text>
        ) : (
          <>
            <Text size="sm" data-testid="delete-summary">
              This affects <b>{data.summary}</b>.
            </Text>
            <Table withTableBorder verticalSpacing={6} data-testid="delete-impact">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Records</Table.Th>
                  <Table.Th ta="right">Count</Table.Th>
                  <Table.Th>What happens</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {PARTNER_CHILD_KINDS.map((k) => (
                  <Table.Tr key={k} c={data.counts[k] === 0 ? 'dimmed' : undefined}>
                    <Table.Td>{LABEL[k]}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {data.counts[k]}
                    </Table.Td>
                    <Table.Td>{data.counts[k] === 0 ? '—' : fate(k)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Radio.Group
              value={related}
              onChange={(v) => setRelated(v as 'delete' | 'unlink')}
              label="What happens to these records?"
            >
              <Stack gap="xs" mt={6}>
                <Radio
                  value="delete"
                  label="Delete them with the partner"
                  description="They go to the trash too and come back if you restore the partner."
                />
                <Radio
                  value="unlink"
                  label="Keep them, unlinked from the partner"
                  description={
                    always.size
                      ? `${sentence([...always].map((k) => LABEL[k].toLowerCase()).join(' and '))} cannot live without their partner and go to the trash anyway.`
                      : 'They stay where they are, without a partner.'
                  }
                />
              </Stack>
            </Radio.Group>
          </>
        )}
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={16} />} p="xs">
          <Text size="xs">
            Deleted partners stay in the Trash for {TRASH_DAYS} days; after that they are erased for good.
          </Text>
        </Alert>
        {remove.isError && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={confirm}
            loading={remove.isPending}
            disabled={!data}
          >
            Move to trash
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
