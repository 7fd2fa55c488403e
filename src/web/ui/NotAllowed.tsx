import { Button, Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';

interface Props {
  /** What the role lacks, in words: "view users". */
  what?: string;
  roleName?: string;
}

/** Shown instead of a page the signed-in role may not open. */
export function NotAllowed({ what, roleName }: Props) {
  return (
    <Center py={60}>
      <Paper p="xl" radius="lg" maw={480} w="100%" data-testid="not-allowed">
        <Stack align="center" gap="sm" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light" color="orange">
            <IconLock size={28} />
          </ThemeIcon>
          <Title order={3}>You are not allowed to open this page</Title>
          <Text c="dimmed" size="sm">
            {roleName ? `Your role (${roleName})` : 'Your role'} does not allow you to{' '}
            {what ?? 'see this page'}. If you need it, ask an administrator to change your role.
          </Text>
          <Button component={Link} to="/" mt="xs">
            Go to Home
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
