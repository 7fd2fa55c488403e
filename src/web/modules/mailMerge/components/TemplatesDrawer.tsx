import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Drawer,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTemplate, IconTrash } from '@tabler/icons-react';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatRelative } from '../../../ui/format';
import { applyServerErrors } from '../../../ui/forms';
import type { MailTemplate, TemplateInput } from '../api';
import { useArchiveTemplate, useSaveTemplate, useTemplates } from '../hooks';

const FIELDS = ['name', 'description', 'subject', 'body'] as const;

function TemplateForm({
  template,
  draft,
  onDone,
}: {
  template: MailTemplate | null;
  draft: { subject: string; body: string };
  onDone: (t: MailTemplate | null) => void;
}) {
  const save = useSaveTemplate();
  const base: TemplateInput = template
    ? {
        name: template.name,
        description: template.description,
        subject: template.subject,
        body: template.body,
      }
    : { name: '', description: '', subject: draft.subject, body: draft.body };
  const form = useForm<TemplateInput>({
    initialValues: base,
    validate: {
      name: (v) => (v.trim() ? null : 'Name the template'),
      subject: (v) => (v.trim() ? null : 'Enter a subject'),
      body: (v) => (v.trim() ? null : 'Write the message'),
    },
  });
  const submit = (v: TemplateInput) => {
    const input = template
      ? Object.fromEntries(Object.entries(v).filter(([k, val]) => val !== base[k as keyof TemplateInput]))
      : v;
    if (template && Object.keys(input).length === 0) return onDone(null);
    save.mutate(
      { id: template?.id, version: template?.version, input },
      {
        onSuccess: (t) => {
          notifications.show({ color: 'teal', message: `Template “${t.name}” is saved.` });
          onDone(t);
        },
        onError: (e) => applyServerErrors(form, e, FIELDS),
      },
    );
  };
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        {save.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={save.error} />}
        <TextInput label="Name" withAsterisk data-autofocus {...form.getInputProps('name')} />
        <TextInput label="Description" {...form.getInputProps('description')} />
        <TextInput label="Subject" withAsterisk {...form.getInputProps('subject')} />
        <Textarea
          label="Message"
          withAsterisk
          autosize
          minRows={8}
          maxRows={16}
          {...form.getInputProps('body')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {template ? 'Save template' : 'Create template'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The templates side panel: use, create (also from the message being written), edit and archive. */
export function TemplatesDrawer({
  opened,
  onClose,
  onUse,
  draft,
  startWithDraft,
}: {
  opened: boolean;
  onClose: () => void;
  onUse: (t: MailTemplate) => void;
  draft: { subject: string; body: string };
  /** Open on "new template" prefilled with the message being written. */
  startWithDraft: boolean;
}) {
  const me = useUser();
  const templates = useTemplates();
  const archive = useArchiveTemplate();
  const [form, setForm] = useState<{ template: MailTemplate | null; key: number } | null>(
    startWithDraft ? { template: null, key: 0 } : null,
  );
  const mayCreate = can(me.permissions, 'communications.create');
  const mayEdit = can(me.permissions, 'communications.edit');
  const mayDelete = can(me.permissions, 'communications.delete');

  const confirmArchive = (t: MailTemplate) =>
    modals.openConfirmModal({
      title: `Delete the template “${t.name}”?`,
      children: (
        <Text size="sm">It leaves the list and can no longer be used. Mails already sent stay logged.</Text>
      ),
      labels: { confirm: 'Delete template', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        archive.mutate(t.id, {
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  const items = templates.data?.items ?? [];
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="md"
      title={form ? (form.template ? `Edit “${form.template.name}”` : 'New template') : 'Templates'}
    >
      {form ? (
        <TemplateForm
          key={form.key}
          template={form.template}
          draft={draft}
          onDone={(t) => {
            setForm(null);
            if (t && !form.template) {
              onUse(t);
              // Saved from the message being written: back to it.
              if (startWithDraft) onClose();
            }
          }}
        />
      ) : (
        <Stack gap="sm">
          {mayCreate && (
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {items.length ? `${items.length} templates` : ''}
              </Text>
              <Button
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => setForm({ template: null, key: Date.now() })}
              >
                New template
              </Button>
            </Group>
          )}
          {templates.isPending ? (
            [0, 1, 2].map((i) => <Skeleton key={i} height={76} radius="md" />)
          ) : templates.isError ? (
            <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />
          ) : items.length === 0 ? (
            <Empty
              icon={<IconTemplate size={22} />}
              title="No templates yet"
              description="Save a message you send often; its merge fields fill in for each partner."
            />
          ) : (
            items.map((t) => (
              <Paper key={t.id} withBorder radius="md" p="sm" data-testid="template-item">
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text fw={600} size="sm">
                      {t.name}
                    </Text>
                    {t.description && (
                      <Text size="xs" c="dimmed">
                        {t.description}
                      </Text>
                    )}
                    <Text size="xs" truncate="end">
                      {t.subject}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t.lastUsedAt ? `Last used ${formatRelative(t.lastUsedAt)}` : 'Never used'}
                    </Text>
                  </Stack>
                  <Group gap={2} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => {
                        onUse(t);
                        onClose();
                      }}
                    >
                      Use
                    </Button>
                    {mayEdit && (
                      <Tooltip label="Edit">
                        <ActionIcon
                          aria-label={`Edit ${t.name}`}
                          onClick={() => setForm({ template: t, key: Date.now() })}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {mayDelete && (
                      <Tooltip label="Delete">
                        <ActionIcon
                          aria-label={`Delete ${t.name}`}
                          color="red"
                          onClick={() => confirmArchive(t)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Group>
              </Paper>
            ))
          )}
        </Stack>
      )}
    </Drawer>
  );
}
