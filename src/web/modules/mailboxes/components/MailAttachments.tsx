/**
 * The attachments of a synced mail, from its communication on a timeline: listed, not stored, until
 * someone saves one as a document of the partner (it is fetched again from the mail server then).
 */
import { useState } from 'react';
import { Anchor, Button, Group, Loader, Popover, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { formatBytes } from '../../../ui/format';
import { DOCUMENTS_KEY } from '../../documents/hooks';
import { mailboxesApi } from '../api';

export function MailAttachments({
  communicationId,
  partnerId,
}: {
  communicationId: string;
  partnerId: string;
}) {
  const me = useUser();
  const mayStore = can(me.permissions, 'documents.create');
  const [opened, setOpened] = useState(false);
  const [saved, setSaved] = useState<Set<string>>(new Set());
  const qc = useQueryClient();
  const mail = useQuery({
    queryKey: ['communications', communicationId, 'mail'],
    queryFn: ({ signal }) => mailboxesApi.communicationMail(communicationId, signal),
    enabled: opened,
    retry: false,
    staleTime: 60_000,
  });
  const save = useMutation({
    mutationFn: (part: string) => mailboxesApi.saveAttachment(mail.data!.id, part, partnerId),
    onSuccess: (doc, part) => {
      setSaved((s) => new Set(s).add(part));
      void qc.invalidateQueries({ queryKey: DOCUMENTS_KEY });
      notifications.show({
        color: 'green',
        message: (
          <>
            Saved “{doc.title}” as a document.{' '}
            <Anchor component={Link} to={`/partners/${partnerId}?tab=documents`} inherit>
              Open Documents
            </Anchor>
          </>
        ),
      });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) }),
  });
  const attachments = mail.data?.attachments ?? [];

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      width={340}
      shadow="md"
      withinPortal
    >
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<IconPaperclip size={13} />}
          onClick={() => setOpened((o) => !o)}
        >
          Attachments
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="mail-attachments">
        {mail.isPending ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">Looking at the mail…</Text>
          </Group>
        ) : mail.isError ? (
          <Text size="sm" c="dimmed">
            {errorMessage(mail.error)}
          </Text>
        ) : attachments.length === 0 ? (
          <Text size="sm" c="dimmed">
            This mail has no attachments.
          </Text>
        ) : (
          <Stack gap="xs">
            {attachments.map((a) => (
              <Group
                key={a.part}
                justify="space-between"
                wrap="nowrap"
                gap="xs"
                data-testid="mail-attachment"
              >
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate="end">
                    {a.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(a.size)} · {a.type}
                  </Text>
                </div>
                {mayStore &&
                  (saved.has(a.part) ? (
                    <Text size="xs" c="teal" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      <IconCheck size={12} /> Saved
                    </Text>
                  ) : (
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={save.isPending && save.variables === a.part}
                      onClick={() => save.mutate(a.part)}
                    >
                      Save as document
                    </Button>
                  ))}
              </Group>
            ))}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
