import { Alert, Badge, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import type { MailMergePreview, RecipientResult } from '../api';
import { OUTCOMES } from './outcomes';

/** Counts of the recipients by outcome, as badges. */
export function OutcomeCounts({ recipients }: { recipients: RecipientResult[] }) {
  const counts = new Map<RecipientResult['outcome'], number>();
  for (const r of recipients) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  return (
    <Group gap={6} wrap="wrap">
      {[...counts].map(([outcome, n]) => (
        <Badge key={outcome} color={OUTCOMES[outcome].color} variant="light" tt="none">
          {OUTCOMES[outcome].label}: {n}
        </Badge>
      ))}
    </Group>
  );
}

/** The mail as the first eligible recipient gets it, and who else would be skipped and why. */
export function MergePreview({
  preview,
  loading,
  waitingFor,
  eventMissing,
}: {
  preview: MailMergePreview | undefined;
  /** The message uses the event fields but no event context is chosen: they come out empty. */
  eventMissing: boolean;
  loading: boolean;
  /** What is missing before a preview can be shown, or null. */
  waitingFor: string | null;
}) {
  if (waitingFor)
    return (
      <Text size="sm" c="dimmed" py="md" ta="center">
        <IconEye size={16} style={{ verticalAlign: -3 }} /> {waitingFor}
      </Text>
    );
  if (!preview)
    return (
      <Group justify="center" py="md">
        <Loader size="sm" />
      </Group>
    );
  const skipped = preview.recipients.filter((r) => r.outcome !== 'eligible');
  return (
    <Stack gap="sm" style={{ opacity: loading ? 0.6 : 1 }} data-testid="merge-preview">
      <OutcomeCounts recipients={preview.recipients} />
      {eventMissing && (
        <Alert color="yellow" variant="light" p="xs">
          <Text size="xs">
            The message uses the event name or year, but no event context is chosen: they will be empty.
          </Text>
        </Alert>
      )}
      {preview.preview ? (
        <Paper withBorder radius="md" p="md" bg="var(--mantine-color-body)">
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              To: <b>{preview.preview.to}</b>
            </Text>
            <Text size="xs" c="dimmed">
              Subject: <b style={{ color: 'var(--mantine-color-text)' }}>{preview.preview.subject}</b>
            </Text>
            <Text
              size="sm"
              mt="xs"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
              data-testid="preview-body"
            >
              {preview.preview.body}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Alert color="orange" variant="light">
          None of the selected partners can receive this mail.
        </Alert>
      )}
      {skipped.length > 0 && (
        <Stack gap={2}>
          <Text size="xs" fw={600} c="dimmed">
            Will be skipped
          </Text>
          {skipped.map((r) => (
            <Text key={r.partnerId} size="xs">
              <b>{r.company || 'Unknown partner'}</b> — {OUTCOMES[r.outcome].label.toLowerCase()}
              {r.message ? `: ${r.message}` : ''}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
