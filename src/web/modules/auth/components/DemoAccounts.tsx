import { Badge, Paper, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useDemoAccounts } from './AuthShell';
import classes from './DemoAccounts.module.css';

/** In demo mode: one row per role; a click fills the sign-in form. */
export function DemoAccounts({ onPick }: { onPick: (email: string, password: string) => void }) {
  const q = useDemoAccounts();
  if (!q.data?.demo || q.data.accounts.length === 0) return null;
  return (
    <Paper p="md" radius="lg" data-testid="demo-accounts">
      <Stack gap={4} mb="xs">
        <Text fw={600} size="sm">
          Demo accounts
        </Text>
        <Text size="xs" c="dimmed">
          Click an account to fill the form. Every demo account uses the password{' '}
          <Text span ff="monospace" size="xs">
            {q.data.accounts[0]?.password}
          </Text>
          .
        </Text>
      </Stack>
      <Table verticalSpacing={6} horizontalSpacing="xs" highlightOnHover>
        <Table.Tbody>
          {q.data.accounts.map((a) => (
            <Table.Tr key={a.email}>
              <Table.Td p={0}>
                <UnstyledButton
                  className={classes.row}
                  onClick={() => onPick(a.email, a.password)}
                  aria-label={`Use the ${a.role} demo account`}
                >
                  <Badge variant="light" w={120} style={{ flexShrink: 0 }}>
                    {a.role}
                  </Badge>
                  <Text size="sm" ff="monospace" style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {a.email}
                  </Text>
                </UnstyledButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
