import '@mantine/dates/styles.css';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { CASE_PRIORITIES, CASE_STATUSES } from '../../../../shared/cases.schema';
import { ApiError } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { AccountSelect } from '../../accounts/components/AccountSelect';
import { useOwnerOptions } from '../../links/hooks';
import type { Case, CaseInput } from '../api';
import { useSaveCase } from '../hooks';
import { CASE_PRIORITY_LABELS, CASE_STATUS_LABELS } from '../labels';

interface Values {
  subject: string;
  description: string;
  status: (typeof CASE_STATUSES)[number];
  priority: (typeof CASE_PRIORITIES)[number];
  assigneeId: string | null;
  dueDate: string | null;
  accountId: string | null;
}

const FIELDS = [
  'subject',
  'description',
  'status',
  'priority',
  'assigneeId',
  'dueDate',
  'accountId',
] as const;

/** Open or edit a case the partner handles: subject, status, priority, assignee, due date, account. */
export function CaseFormModal({
  partnerId,
  record,
  opened,
  onClose,
}: {
  partnerId: string;
  record: Case | null;
  opened: boolean;
  onClose(): void;
}) {
  const me = useUser();
  const save = useSaveCase();
  const people = useOwnerOptions({ id: record?.assigneeId ?? null, name: record?.assigneeName ?? null });
  const form = useForm<Values>({
    initialValues: {
      subject: record?.subject ?? '',
      description: record?.description ?? '',
      status: record?.status ?? 'open',
      priority: record?.priority ?? 'medium',
      assigneeId: record ? record.assigneeId : me.id,
      dueDate: record?.dueDate ?? null,
      accountId: record?.accountId ?? null,
    },
    validate: { subject: (v) => (v.trim() ? null : 'Enter a subject') },
  });

  const submit = (v: Values) => {
    const input: CaseInput = {
      subject: v.subject.trim(),
      description: v.description.trim(),
      status: v.status,
      priority: v.priority,
      assigneeId: v.assigneeId,
      dueDate: v.dueDate ? v.dueDate.slice(0, 10) : null,
      accountId: v.accountId,
      ...(record ? {} : { organizationId: partnerId }),
    };
    save.mutate(
      { record: record ?? undefined, input },
      {
        onSuccess: (c) => {
          notifications.show({ color: 'teal', message: `Case “${c.subject}” is saved.` });
          onClose();
        },
        onError: (e) => applyServerErrors(form, e, FIELDS),
      },
    );
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const showAlert = save.isError && (conflict || Object.keys(form.errors).length === 0);
  return (
    <Modal opened={opened} onClose={onClose} title={record ? 'Edit case' : 'New case'} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {showAlert && <ErrorAlert error={save.error} />}
          <TextInput label="Subject" withAsterisk data-autofocus {...form.getInputProps('subject')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Status"
              data={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('status')}
            />
            <Select
              label="Priority"
              data={CASE_PRIORITIES.map((p) => ({ value: p, label: CASE_PRIORITY_LABELS[p] }))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('priority')}
            />
            <Select
              label="Assignee"
              data={people}
              searchable
              clearable
              placeholder="Nobody"
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('assigneeId')}
            />
            <DateInput
              label="Due date"
              placeholder="No due date"
              valueFormat="YYYY-MM-DD"
              clearable
              popoverProps={{ withinPortal: true }}
              {...form.getInputProps('dueDate')}
            />
          </SimpleGrid>
          <AccountSelect
            label="Customer account"
            placeholder="Search accounts (optional)"
            value={form.values.accountId}
            initialName={record?.accountName}
            onChange={(id) => form.setFieldValue('accountId', id)}
            error={form.errors.accountId}
          />
          <Textarea
            label="Description"
            autosize
            minRows={3}
            maxRows={8}
            {...form.getInputProps('description')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              {record ? 'Save changes' : 'Open case'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
