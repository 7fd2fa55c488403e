/**
 * Email sync (Partnerships → Email sync): your connected mailboxes with their health, a form to connect one
 * (with a connection test), Sync now with live progress, and the unmatched inbox.
 */
import { useState } from 'react';
import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import { IconMailPlus, IconMail } from '@tabler/icons-react';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import type { Mailbox } from '../api';
import { MailboxCard } from '../components/MailboxCard';
import { MailboxFormModal } from '../components/MailboxFormModal';
import { UnmatchedInbox } from '../components/UnmatchedInbox';
import { useMailboxes } from '../hooks';

export default function MailboxesPage() {
  const list = useMailboxes();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const items = list.data?.items ?? [];
  const failing = items.filter((m) => m.health.status === 'failing');
  return (
    <>
      <PageHeader
        title="Email sync"
        description="Mail with your partners, filed as communications: incoming and sent mail over IMAP, sending over SMTP"
        actions={
          <Button leftSection={<IconMailPlus size={16} />} onClick={() => setEditing('new')}>
            Connect mailbox
          </Button>
        }
      />
      <Stack gap="lg">
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Skeleton height={220} radius="lg" />
        ) : items.length === 0 ? (
          <Empty
            icon={<IconMail size={22} />}
            title="No mailbox connected"
            description="Connect your work mailbox: Accord files mail with partners' contacts (or their domains) as communications, every few minutes."
            action={
              <Button leftSection={<IconMailPlus size={16} />} onClick={() => setEditing('new')}>
                Connect mailbox
              </Button>
            }
          />
        ) : (
          <>
            {failing.length > 0 && (
              <Alert color="red" title="Action recommended">
                <Text size="sm">
                  {failing.length === 1 ? `${failing[0]!.email} is` : `${failing.length} mailboxes are`} not
                  syncing. Accord retries with growing pauses; fix the settings below to sync at once.
                </Text>
              </Alert>
            )}
            {items.map((m) => (
              <MailboxCard key={m.id} mailbox={m} onEdit={() => setEditing(m)} />
            ))}
          </>
        )}
        <UnmatchedInbox />
      </Stack>
      {editing && (
        <MailboxFormModal
          opened
          onClose={() => setEditing(null)}
          mailbox={editing === 'new' ? undefined : editing}
        />
      )}
    </>
  );
}
