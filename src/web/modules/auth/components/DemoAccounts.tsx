import { Badge, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDemoAccounts } from './AuthShell';
import classes from './DemoAccounts.module.css';

/** In demo mode: one row per role; a click fills the sign-in form. */
export function DemoAccounts({ onPick }: { onPick: (email: string, password: string) => void }) {
  const q = useDemoAccounts();
  if (!q.data?.demo || q.data.accounts.length === 0) return null;
  return (
    <Paper p="md" radius="lg" data-testid="demo-accounts">
      <Stack gap={4} mb="sm">
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
      <Stack gap={0} className={classes.list}>
        {q.data.accounts.map((a) => (
          <UnstyledButton
            key={a.email}
            className={classes.row}
            onClick={() => onPick(a.email, a.password)}
            aria-label={`Use the ${a.role} demo account`}
          >
            <Badge variant="light" className={classes.role}>
              {a.role}
            </Badge>
            <Text size="sm" ff="monospace" truncate="end" style={{ minWidth: 0, flex: 1 }}>
              {a.email}
            </Text>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}
