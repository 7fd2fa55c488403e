import { Alert, Anchor, Badge, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { StatTile } from '../../../ui/StatTile';
import type { MailMergeSummary } from '../api';
import { OUTCOMES } from './outcomes';

/** After a send: the counts, then every recipient's outcome (reference §3.6 summary). */
export function SendSummary({ summary: s }: { summary: MailMergeSummary }) {
  const ok = s.failedCount === 0 && s.warningCount === 0;
  return (
    <Stack gap="md" data-testid="send-summary">
      <Alert
        color={ok ? 'teal' : 'orange'}
        variant="light"
        icon={ok ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        title={`${s.sentCount} of ${s.totalRequested} mails sent`}
      >
        Each sent mail is logged as an outbound communication on its partner
        {s.skippedCount ? `; ${s.skippedCount} recipients were skipped` : ''}
        {s.failedCount ? `; ${s.failedCount} failed` : ''}.
      </Alert>
      <SimpleGrid cols={{ base: 3, md: 6 }} spacing="xs">
        <StatTile label="Selected" value={s.totalRequested} />
        <StatTile label="Eligible" value={s.totalEligible} />
        <StatTile label="Sent" value={s.sentCount} color="teal" />
        <StatTile label="Logged" value={s.loggedCount} color="teal" />
        <StatTile label="Skipped" value={s.skippedCount} color="orange" />
        <StatTile label="Failed" value={s.failedCount} color="red" />
      </SimpleGrid>
      <Table.ScrollContainer minWidth={320}>
        <Table striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Partner</Table.Th>
              <Table.Th>Outcome</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.recipients.map((r) => (
              <Table.Tr key={r.partnerId} data-testid="send-outcome">
                <Table.Td>
                  {r.company ? (
                    <Anchor
                      component={Link}
                      to={`/partnerships/partners/${r.partnerId}?tab=communications`}
                      size="sm"
                    >
                      {r.company}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Unknown partner
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {r.email || 'no email address'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={OUTCOMES[r.outcome].color} variant="light" tt="none">
                    {OUTCOMES[r.outcome].label}
                  </Badge>
                  {r.message && (
                    <Text size="xs" c="dimmed">
                      {r.message}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
