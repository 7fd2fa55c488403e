/**
 * Log a communication (or edit one) in two clicks from anywhere: open, type the summary, Save. Everything
 * else has a sensible default: email, outbound, now, the page's partner and event.
 */
import { useState } from 'react';
import {
  Button,
  Group,
  Input,
  Kbd,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import type { Communication } from '../../../../shared/communications.schema';
import { ApiError, fieldMessages } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { EventSelect } from '../../events/components/EventSelect';
import { useEvent } from '../../events/hooks';
import { PartnerSelect } from '../../links/components/PartnerSelect';
import { usePartnerContacts } from '../../links/hooks';
import type { CommunicationInput } from '../api';
import { CHANNEL_OPTIONS, channelLabel } from '../channels';
import { useSaveCommunication } from '../hooks';

export interface LogCommunicationModalProps {
  opened: boolean;
  onClose(): void;
  partnerId?: string;
  eventId?: string;
  /** Edit mode. */
  communication?: Communication;
  onSaved?(c: Communication): void;
}

const LOCAL = 'YYYY-MM-DD HH:mm:ss';

interface Values {
  partnerId: string | null;
  summary: string;
  subject: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  occurredAt: string | null;
  followUpDate: string | null;
  eventId: string | null;
  contactId: string | null;
}

function valuesOf(c: Communication | undefined, partnerId?: string, eventId?: string): Values {
  return {
    partnerId: c?.organizationId ?? partnerId ?? null,
    summary: c?.summary ?? '',
    subject: c?.subject ?? '',
    channel: c?.channel ?? 'email',
    direction: c?.direction ?? 'outbound',
    occurredAt: dayjs(c?.occurredAt ?? undefined).format(LOCAL),
    followUpDate: c?.followUpDate ?? null,
    eventId: c ? c.eventId : (eventId ?? null),
    contactId: c?.contactId ?? null,
  };
}

const FIELDS: readonly (keyof Values)[] = [
  'summary',
  'subject',
  'channel',
  'direction',
  'occurredAt',
  'followUpDate',
  'eventId',
  'contactId',
];

function CommunicationForm({
  partnerId,
  eventId,
  communication,
  onCancel,
  onSaved,
}: Omit<LogCommunicationModalProps, 'opened' | 'onClose'> & { onCancel(): void }) {
  const [base] = useState(() => valuesOf(communication, partnerId, eventId));
  const form = useForm<Values>({ initialValues: base });
  const save = useSaveCommunication();
  const v = form.getValues();
  const partner = communication?.organizationId ?? partnerId ?? v.partnerId;
  const contacts = usePartnerContacts(partner);
  // On an event page, the event's partners come first in the picker.
  const event = useEvent(!partner && eventId ? eventId : null);
  const preferred = [...new Map((event.data?.links ?? []).map((l) => [l.organizationId, l.partnerName]))]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const channelData: { value: string; label: string }[] = [...CHANNEL_OPTIONS];
  if (!channelData.some((c) => c.value === v.channel))
    channelData.push({ value: v.channel, label: channelLabel(v.channel) });
  const contactData = (contacts.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.title ? `${c.name} · ${c.title}` : c.name,
  }));
  if (communication?.contactId && !contactData.some((c) => c.value === communication.contactId))
    contactData.push({
      value: communication.contactId,
      label: communication.contactName ?? 'Current contact',
    });

  const submit = (values: Values) => {
    const errors: Record<string, string> = {};
    if (!partner) errors.partnerId = 'Choose the partner you talked to';
    if (!values.summary.trim()) errors.summary = 'Write what happened, in a sentence or two';
    if (!values.occurredAt) errors.occurredAt = 'Enter when it happened';
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    const full: CommunicationInput = {
      summary: values.summary.trim(),
      subject: values.subject.trim(),
      channel: values.channel,
      direction: values.direction,
      occurredAt: new Date(values.occurredAt!.replace(' ', 'T')).toISOString(),
      followUpDate: values.followUpDate || null,
      eventId: values.eventId,
      contactId: values.contactId,
    };
    const input: CommunicationInput = communication
      ? Object.fromEntries(
          FIELDS.filter((k) => values[k] !== base[k]).map((k) => [k, full[k as keyof CommunicationInput]]),
        )
      : full;
    if (communication && Object.keys(input).length === 0) {
      onCancel();
      return;
    }
    save.mutate(
      { id: communication?.id, version: communication?.version, organizationId: partner!, input },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: communication
              ? 'The communication is saved.'
              : `Logged for ${saved.organizationName}${saved.followUpDate ? `, follow up by ${saved.followUpDate}` : ''}.`,
          });
          onSaved?.(saved);
          onCancel();
        },
        onError: (e) => {
          const fields = fieldMessages(e);
          form.setErrors(
            Object.fromEntries(
              Object.entries(fields)
                .map(([k, m]) => [k === 'organizationId' ? 'partnerId' : k, m] as const)
                .filter(([k]) => k === 'partnerId' || (FIELDS as readonly string[]).includes(k)),
            ),
          );
        },
      },
    );
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const showAlert = save.isError && (conflict || Object.keys(form.errors).length === 0);

  return (
    <form
      onSubmit={form.onSubmit(submit)}
      noValidate
      onKeyDown={(e) => {
        // Ctrl/Cmd+Enter saves from any field.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          form.onSubmit(submit)();
        }
      }}
    >
      <Stack gap="md">
        {showAlert && <ErrorAlert error={save.error} onReload={onCancel} />}
        {!communication && !partnerId && (
          <PartnerSelect
            value={v.partnerId}
            onChange={(id) => {
              form.setFieldValue('partnerId', id);
              form.setFieldValue('contactId', null);
            }}
            error={form.errors.partnerId}
            preferred={preferred}
            preferredLabel="Partners of this event"
            withAsterisk
            data-autofocus
          />
        )}
        <Textarea
          label="Summary"
          placeholder="What was said or agreed?"
          withAsterisk
          autosize
          minRows={3}
          maxRows={10}
          maxLength={3000}
          data-autofocus={Boolean(communication || partnerId) || undefined}
          {...form.getInputProps('summary')}
        />
        <TextInput
          label="Subject"
          placeholder="Optional"
          maxLength={180}
          {...form.getInputProps('subject')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Select
            label="Channel"
            data={channelData}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('channel')}
          />
          <Input.Wrapper label="Direction">
            <SegmentedControl
              fullWidth
              data={[
                { value: 'outbound', label: '↑ Outbound' },
                { value: 'inbound', label: '↓ Inbound' },
              ]}
              {...form.getInputProps('direction')}
            />
          </Input.Wrapper>
          <DateInput
            label="Occurred at"
            withTime
            valueFormat="YYYY-MM-DD HH:mm"
            popoverProps={{ withinPortal: true }}
            {...form.getInputProps('occurredAt')}
          />
          <DateInput
            label="Follow-up date"
            placeholder="No follow-up"
            valueFormat="YYYY-MM-DD"
            clearable
            popoverProps={{ withinPortal: true }}
            {...form.getInputProps('followUpDate')}
          />
          <EventSelect
            placeholder="No event"
            clearable
            value={v.eventId}
            onChange={(id) => form.setFieldValue('eventId', id)}
            error={form.errors.eventId}
          />
          <Select
            label="Contact"
            placeholder={
              !partner ? 'Choose the partner first' : contactData.length ? 'No contact' : 'No people on file'
            }
            data={contactData}
            clearable
            searchable
            disabled={!partner}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('contactId')}
          />
        </SimpleGrid>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed" visibleFrom="sm">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> saves
          </Text>
          <Group gap="xs" ml="auto">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              {communication ? 'Save changes' : 'Save'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export function LogCommunicationModal({
  opened,
  onClose,
  partnerId,
  eventId,
  communication,
  onSaved,
}: LogCommunicationModalProps) {
  // A fresh form (occurred now) every time the modal opens.
  const phone = useMediaQuery('(max-width: 30em)');
  const [session, setSession] = useState(0);
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setSession((s) => s + 1);
  }
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text component="span" fw={650}>
          {communication ? 'Edit communication' : 'Log a communication'}
        </Text>
      }
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
      fullScreen={phone}
    >
      <CommunicationForm
        key={`${session}:${communication?.id ?? 'new'}:${communication?.version ?? 0}`}
        partnerId={partnerId}
        eventId={eventId}
        communication={communication}
        onCancel={onClose}
        onSaved={onSaved}
      />
    </Modal>
  );
}
