/** Mail that matched no partner: file it for one (adding the sender as a contact), or ignore the sender. */
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Menu,
  Modal,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowForward, IconBan, IconPaperclip } from '@tabler/icons-react';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { PartnerSelect } from '../../links/components/PartnerSelect';
import type { MailMessage } from '../api';
import { useMailboxActions, useUnmatched } from '../hooks';

function guessName(m: MailMessage): { firstName: string; lastName: string } {
  const parts = (m.direction === 'inbound' ? m.fromName : '').trim().split(/\s+/).filter(Boolean);
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
}

function AssignModal({ message, onClose }: { message: MailMessage; onClose(): void }) {
  const me = useUser();
  const { assign } = useMailboxActions();
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const mayAddContact = can(me.permissions, 'consultants.create');
  const [addContact, setAddContact] = useState(mayAddContact);
  const [name, setName] = useState(guessName(message));
  const address = message.unmatchedAddresses[0] ?? message.fromEmail;
  const submit = async () => {
    if (!partnerId) return;
    await assign.mutateAsync({
      messageId: message.id,
      organizationId: partnerId,
      createContact: addContact ? { email: address, ...name } : null,
    });
    notifications.show({ color: 'green', message: `Filed “${message.subject || '(no subject)'}”.` });
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title="File for a partner" size="lg">
      <Stack>
        <Text size="sm">
          <b>{message.subject || '(no subject)'}</b> · {message.direction === 'inbound' ? 'from' : 'to'}{' '}
          {address}
        </Text>
        <PartnerSelect value={partnerId} onChange={setPartnerId} withAsterisk data-autofocus />
        {mayAddContact && (
          <Checkbox
            checked={addContact}
            onChange={(e) => setAddContact(e.currentTarget.checked)}
            label={`Add ${address} as a contact of this partner (later mail then matches by itself)`}
          />
        )}
        {addContact && (
          <SimpleGrid cols={2}>
            <TextInput
              label="First name"
              value={name.firstName}
              onChange={(e) => setName({ ...name, firstName: e.currentTarget.value })}
            />
            <TextInput
              label="Last name"
              value={name.lastName}
              onChange={(e) => setName({ ...name, lastName: e.currentTarget.value })}
            />
          </SimpleGrid>
        )}
        {assign.isError && <ErrorAlert error={assign.error} />}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} disabled={!partnerId} loading={assign.isPending}>
            File
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function UnmatchedInbox() {
  const list = useUnmatched();
  const { ignore } = useMailboxActions();
  const [assigning, setAssigning] = useState<MailMessage | null>(null);
  const items = list.data?.items ?? [];
  const doIgnore = async (m: MailMessage, scope: 'address' | 'domain') => {
    try {
      const r = await ignore.mutateAsync({ messageId: m.id, scope });
      notifications.show({ message: `Ignoring ${r.address} from now on.` });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    }
  };
  return (
    <Card withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} data-testid="unmatched-inbox">
      <Group justify="space-between" mb="sm">
        <Stack gap={0}>
          <Text fw={700} size="lg">
            Unmatched inbox
          </Text>
          <Text size="sm" c="dimmed">
            Mail that matched no partner by contact address or domain
          </Text>
        </Stack>
        {items.length > 0 && (
          <Badge variant="light" color="orange">
            {items.length}
          </Badge>
        )}
      </Group>
      {list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton height={72} radius="md" />
      ) : items.length === 0 ? (
        <Empty title="Nothing unmatched" description="Every synced message found its partner." />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id} data-testid="unmatched-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{formatDateTime(m.occurredAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {m.direction === 'inbound' ? 'Received' : 'Sent'} · {m.mailboxEmail}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {m.direction === 'inbound'
                        ? m.fromName || m.fromEmail
                        : m.unmatchedAddresses.join(', ')}
                    </Text>
                    {m.direction === 'inbound' && m.fromName && (
                      <Text size="xs" c="dimmed">
                        {m.fromEmail}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={420}>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" fw={600} truncate="end">
                        {m.subject || '(no subject)'}
                      </Text>
                      {m.attachments.length > 0 && <IconPaperclip size={14} aria-label="Has attachments" />}
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {m.snippet}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconArrowForward size={14} />}
                        onClick={() => setAssigning(m)}
                      >
                        Assign
                      </Button>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button size="xs" variant="default" leftSection={<IconBan size={14} />}>
                            Ignore
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => void doIgnore(m, 'address')}>
                            Ignore {m.unmatchedAddresses[0] ?? m.fromEmail}
                          </Menu.Item>
                          <Menu.Item onClick={() => void doIgnore(m, 'domain')}>
                            Ignore everyone at @{(m.unmatchedAddresses[0] ?? m.fromEmail).split('@')[1]}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {assigning && <AssignModal message={assigning} onClose={() => setAssigning(null)} />}
    </Card>
  );
}
