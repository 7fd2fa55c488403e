import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconDownload,
  IconExternalLink,
  IconFileText,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { docLabel } from '../labels';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatBytes, formatDateTime, formatRelative } from '../../../ui/format';
import { documentsApi, type DocumentRecord } from '../api';
import { useDeleteDocument, usePartnerDocuments } from '../hooks';
import { DocumentFormModal } from './DocumentFormModal';

const STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  sent: 'blue',
  signed: 'teal',
  archived: 'dark',
};

function DocumentRow({
  d,
  onEdit,
  onDelete,
}: {
  d: DocumentRecord;
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid="document-row">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <ThemeIcon variant="light" radius="md" size={36} color="indigo">
            <IconFileText size={18} />
          </ThemeIcon>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap={6} wrap="wrap">
              <Text fw={600} size="sm">
                {d.title}
              </Text>
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {docLabel(d.type)}
              </Badge>
              <Badge size="xs" variant="light" color={STATUS_COLORS[d.status] ?? 'yellow'} tt="none">
                {docLabel(d.status)}
              </Badge>
            </Group>
            <Group gap="sm" wrap="wrap">
              {d.eventName && (
                <Text size="xs" c="dimmed">
                  {d.eventName}
                </Text>
              )}
              <Tooltip label={formatDateTime(d.updatedAt)}>
                <Text size="xs" c="dimmed">
                  Updated {formatRelative(d.updatedAt)}
                </Text>
              </Tooltip>
            </Group>
            {(d.url || d.hasFile) && (
              <Group gap="md" wrap="wrap">
                {d.url && (
                  <Anchor
                    href={d.url}
                    target="_blank"
                    rel="noreferrer"
                    size="xs"
                    style={{ wordBreak: 'break-all' }}
                  >
                    <IconExternalLink size={12} style={{ verticalAlign: -1 }} />{' '}
                    {d.url.replace(/^https?:\/\//, '')}
                  </Anchor>
                )}
                {d.hasFile && (
                  <Anchor href={documentsApi.fileUrl(d.id)} size="xs" download>
                    <IconDownload size={12} style={{ verticalAlign: -1 }} /> {d.fileName}
                    {d.fileSize !== null ? ` (${formatBytes(d.fileSize)})` : ''}
                  </Anchor>
                )}
              </Group>
            )}
            {d.notes && (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {d.notes}
              </Text>
            )}
          </Stack>
        </Group>
        {(onEdit || onDelete) && (
          <Menu position="bottom-end" withinPortal shadow="md">
            <Menu.Target>
              <ActionIcon aria-label={`Actions for ${d.title}`}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {onEdit && (
                <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
                  Edit or upload
                </Menu.Item>
              )}
              {onDelete && (
                <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
                  Delete
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Paper>
  );
}

/** A partner's documents, most recently changed first (reference §3.4), with add / edit / upload / delete. */
export function DocumentsPanel({ partnerId }: { partnerId: string }) {
  const me = useUser();
  const docs = usePartnerDocuments(partnerId);
  const remove = useDeleteDocument();
  const [editing, setEditing] = useState<DocumentRecord | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const mayCreate = can(me.permissions, 'documents.create');
  const mayEdit = can(me.permissions, 'documents.edit');
  const mayDelete = can(me.permissions, 'documents.delete');

  const open = (d: DocumentRecord | null) => {
    setEditing(d);
    setFormKey((k) => k + 1);
    setFormOpen(true);
  };
  const confirmDelete = (d: DocumentRecord) =>
    modals.openConfirmModal({
      title: `Delete ${d.title}?`,
      children: (
        <Text size="sm">The reference{d.hasFile ? ' and its uploaded file' : ''} will be gone for good.</Text>
      ),
      labels: { confirm: 'Delete document', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(d.id, {
          onSuccess: () => notifications.show({ message: `${d.title} is deleted.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  const items = docs.data?.items ?? [];
  return (
    <Stack gap="sm">
      {mayCreate && items.length > 0 && (
        <Group justify="flex-end">
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => open(null)}>
            Add document
          </Button>
        </Group>
      )}
      {docs.isPending ? (
        [0, 1, 2].map((i) => <Skeleton key={i} height={72} radius="md" />)
      ) : docs.isError ? (
        <ErrorAlert error={docs.error} onRetry={() => void docs.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          icon={<IconFileText size={22} />}
          title="No documents yet"
          description="Keep agreements, invoices and decks with the partner: a link, a file, or both."
          action={
            mayCreate && (
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => open(null)}>
                Add document
              </Button>
            )
          }
        />
      ) : (
        items.map((d) => (
          <DocumentRow
            key={d.id}
            d={d}
            onEdit={mayEdit ? () => open(d) : undefined}
            onDelete={mayDelete ? () => confirmDelete(d) : undefined}
          />
        ))
      )}
      {formOpen && (
        <DocumentFormModal
          key={formKey}
          partnerId={partnerId}
          document={editing}
          opened={formOpen}
          onClose={() => setFormOpen(false)}
        />
      )}
    </Stack>
  );
}
