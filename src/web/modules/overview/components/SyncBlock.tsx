/** The frame both sync health blocks share: an icon, a title, the state as a badge, a message, actions. */
import type { ReactNode } from 'react';
import { Badge, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';

interface Props {
  icon: ReactNode;
  title: string;
  state: { label: string; color: string };
  message: ReactNode;
  children?: ReactNode;
  testId: string;
}

export function SyncBlock({ icon, title, state, message, children, testId }: Props) {
  return (
    <Card radius="lg" p="md" data-testid={testId}>
      <Stack gap="sm">
        {/* The state goes under the title when a narrow block has no room for both on one line. */}
        <Group justify="space-between" gap="xs">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <ThemeIcon variant="light" color="gray" radius="md" size="lg">
              {icon}
            </ThemeIcon>
            <Title order={3} fz="md">
              {title}
            </Title>
          </Group>
          <Badge color={state.color} variant="light" miw="max-content" data-testid={`${testId}-state`}>
            {state.label}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {message}
        </Text>
        {children}
      </Stack>
    </Card>
  );
}
