/**
 * Compose an email to a partner contact from the partner page: it leaves through one of your mailboxes'
 * SMTP servers (so it is in your Sent folder) and is logged as an outbound communication.
 */
import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { Link } from 'react-router';
import { fieldMessages } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { usePartnerContacts } from '../../links/hooks';
import { useMailboxes, useSendEmail } from '../hooks';
import { usePhone } from '../../../ui/usePhone';

interface Values {
  mailboxId: string | null;
  contactId: string | null;
  to: string;
  cc: string;
  subject: string;
  body: string;
}

const split = (v: string) =>
  v
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function ComposeEmailModal({
  opened,
  onClose,
  partnerId,
  partnerEmail,
}: {
  opened: boolean;
  onClose(): void;
  partnerId: string;
  partnerEmail?: string;
}) {
  const phone = usePhone();
  const mailboxes = useMailboxes();
  const senders = (mailboxes.data?.items ?? []).filter((m) => m.smtp && m.enabled);
  const contacts = usePartnerContacts(partnerId);
  const withEmail = (contacts.data?.items ?? []).filter((c) => c.email);
  const send = useSendEmail();
  const form = useForm<Values>({
    initialValues: {
      mailboxId: null,
      contactId: null,
      to: partnerEmail ?? '',
      cc: '',
      subject: '',
      body: '',
    },
    validate: {
      to: (v) => (split(v).length ? null : 'Add a recipient'),
      subject: (v) => (v.trim() ? null : 'Is required'),
      body: (v) => (v.trim() ? null : 'Is required'),
    },
  });
  const mailboxId = form.values.mailboxId ?? senders[0]?.id ?? null;
  const submit = form.onSubmit(async (v) => {
    if (!mailboxId) return;
    try {
      await send.mutateAsync({
        mailboxId,
        input: {
          organizationId: partnerId,
          contactId: v.contactId,
          to: split(v.to),
          cc: split(v.cc),
          subject: v.subject.trim(),
          body: v.body,
        },
      });
      notifications.show({ color: 'green', message: 'Sent, and logged as a communication.' });
      form.reset();
      onClose();
    } catch (e) {
      const f = fieldMessages(e);
      form.setErrors({ to: f.to ?? f['to.0'], subject: f.subject, body: f.body, contactId: f.contactId });
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Email this partner" size="lg" fullScreen={phone}>
      {mailboxes.isSuccess && senders.length === 0 ? (
        <Alert color="blue" title="No mailbox to send from">
          Connect a mailbox with SMTP settings under{' '}
          <Anchor component={Link} to="/partnerships/email-sync">
            Email sync
          </Anchor>{' '}
          first.
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Select
              label="From"
              data={senders.map((m) => ({
                value: m.id,
                label: m.label ? `${m.label} <${m.email}>` : m.email,
              }))}
              value={mailboxId}
              onChange={(v) => form.setFieldValue('mailboxId', v)}
              allowDeselect={false}
            />
            <Select
              label="Contact"
              placeholder={withEmail.length ? 'Choose a person' : 'No contact with an email address'}
              data={withEmail.map((c) => ({ value: c.id, label: `${c.name} <${c.email}>` }))}
              clearable
              {...form.getInputProps('contactId')}
              onChange={(id) => {
                form.setFieldValue('contactId', id);
                const c = withEmail.find((x) => x.id === id);
                if (c) form.setFieldValue('to', c.email);
              }}
            />
            <TextInput label="To" withAsterisk {...form.getInputProps('to')} />
            <TextInput
              label="Cc"
              placeholder="Separate addresses with commas"
              {...form.getInputProps('cc')}
            />
            <TextInput label="Subject" withAsterisk data-autofocus {...form.getInputProps('subject')} />
            <Textarea
              label="Message"
              withAsterisk
              autosize
              minRows={6}
              maxRows={16}
              {...form.getInputProps('body')}
            />
            {send.isError && !Object.keys(fieldMessages(send.error)).length && (
              <ErrorAlert error={send.error} />
            )}
            <Group justify="flex-end">
              <Button variant="subtle" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" leftSection={<IconMailForward size={16} />} loading={send.isPending}>
                Send
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** The partner page's button; the modal loads your mailboxes only when opened. */
export function ComposeEmailButton({ partnerId, compact }: { partnerId: string; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="light"
        size={compact ? 'xs' : 'sm'}
        leftSection={<IconMailForward size={16} />}
        onClick={() => setOpen(true)}
        aria-label="Send email"
      >
        {compact ? 'Email' : 'Send email'}
      </Button>
      {open && <ComposeEmailModal opened onClose={() => setOpen(false)} partnerId={partnerId} />}
    </>
  );
}
