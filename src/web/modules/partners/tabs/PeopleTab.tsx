import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Avatar,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPencil, IconPlus, IconStar, IconTrash, IconUsers } from '@tabler/icons-react';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { initials } from '../../../ui/format';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { LinkedRowNotice, useLinkedRow } from '../../../ui/linkedRow';
import type { Contact, Partner } from '../api';
import { ContactFormModal } from '../components/ContactFormModal';
import { useContacts, useDeleteContact, useSaveContact } from '../hooks';

/** The partner's consultants (its people): add, edit, remove, and which one is the primary contact. */
export function PeopleTab({ partner }: { partner: Partner }) {
  const me = useUser();
  const contacts = useContacts(partner.id);
  const remove = useDeleteContact(partner.id);
  const save = useSaveContact(partner.id);
  const [editing, setEditing] = useState<Contact | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const mayCreate = can(me.permissions, 'consultants.create');
  const mayEdit = can(me.permissions, 'consultants.edit');
  const mayDelete = can(me.permissions, 'consultants.delete');

  const open = (c: Contact | null) => {
    setEditing(c);
    setFormKey((k) => k + 1);
    setFormOpen(true);
  };
  const makePrimary = (c: Contact) =>
    save.mutate(
      { id: c.id, version: c.version, input: { isPrimary: true } },
      {
        onSuccess: () => notifications.show({ message: `${c.name} is now the primary contact.` }),
        onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) }),
      },
    );
  const confirmDelete = (c: Contact) =>
    modals.openConfirmModal({
      title: `Remove ${c.name}?`,
      children: (
        <Text size="sm">They are removed from {partner.name}. Logged communications keep their name.</Text>
      ),
      labels: { confirm: 'Remove consultant', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(c.id, {
          onSuccess: () => notifications.show({ message: `${c.name} is removed.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not removed', message: errorMessage(e) }),
        }),
    });

  const linked = useLinkedRow(
    (contacts.data?.items ?? []).map((c) => c.id),
    !contacts.isPending,
  );
  if (contacts.isError) return <ErrorAlert error={contacts.error} onRetry={() => void contacts.refetch()} />;
  const items = contacts.data?.items ?? [];
  const hidden = contacts.data?.hiddenCount ?? 0;

  return (
    <Stack gap="sm">
      <LinkedRowNotice linked={linked} noun="consultant" />
      {mayCreate && items.length > 0 && (
        <Group justify="flex-end">
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => open(null)}>
            Add consultant
          </Button>
        </Group>
      )}
      {contacts.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {[0, 1].map((i) => (
            <Skeleton key={i} height={96} radius="md" />
          ))}
        </SimpleGrid>
      ) : items.length === 0 ? (
        <Empty
          icon={<IconUsers size={22} />}
          title="No consultants yet"
          description="Add the people you talk to at this partner; the primary contact receives mail merges."
          action={
            mayCreate && (
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => open(null)}>
                Add consultant
              </Button>
            )
          }
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" data-testid="people">
          {items.map((c) => (
            <Paper
              key={c.id}
              withBorder
              radius="md"
              p="sm"
              data-testid="consultant"
              {...linked.rowProps(c.id)}
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                  <Avatar radius="xl" color={c.isPrimary ? 'indigo' : 'gray'}>
                    {initials(c.name)}
                  </Avatar>
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="wrap">
                      <Text fw={600} size="sm">
                        {c.name}
                      </Text>
                      {c.isPrimary && (
                        <Badge size="xs" color="indigo" variant="light">
                          Primary
                        </Badge>
                      )}
                    </Group>
                    {c.title && (
                      <Text size="xs" c="dimmed">
                        {c.title}
                      </Text>
                    )}
                    {c.email && (
                      <Anchor href={`mailto:${c.email}`} size="xs" style={{ wordBreak: 'break-all' }}>
                        {c.email}
                      </Anchor>
                    )}
                    {(c.phone || c.mobile) && (
                      <Text size="xs">{[c.phone, c.mobile].filter(Boolean).join(' · ')}</Text>
                    )}
                  </Stack>
                </Group>
                {(mayEdit || mayDelete) && (
                  <Menu position="bottom-end" withinPortal shadow="md">
                    <Menu.Target>
                      <ActionIcon aria-label={`Actions for ${c.name}`}>
                        <IconDots size={18} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {mayEdit && (
                        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => open(c)}>
                          Edit
                        </Menu.Item>
                      )}
                      {mayEdit && !c.isPrimary && (
                        <Menu.Item leftSection={<IconStar size={16} />} onClick={() => makePrimary(c)}>
                          Make primary contact
                        </Menu.Item>
                      )}
                      {mayDelete && (
                        <Menu.Item
                          color="red"
                          leftSection={<IconTrash size={16} />}
                          onClick={() => confirmDelete(c)}
                        >
                          Remove
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Group>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <HiddenNotice count={hidden} singular="consultant" />
      {formOpen && (
        <ContactFormModal
          key={formKey}
          partnerId={partner.id}
          contact={editing}
          firstOne={items.length === 0}
          opened={formOpen}
          onClose={() => setFormOpen(false)}
        />
      )}
    </Stack>
  );
}
