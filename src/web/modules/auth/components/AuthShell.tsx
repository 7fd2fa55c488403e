import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Logo } from '../../../app/layout/Logo';
import { authApi } from '../api';
import classes from './AuthShell.module.css';

export function useDemoAccounts() {
  return useQuery({ queryKey: ['demo-accounts'], queryFn: authApi.demoAccounts, staleTime: 5 * 60_000 });
}

interface Props {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  /** Shown below the card (for example the demo accounts). */
  below?: ReactNode;
}

/** The frame of the signed-out pages: the company name, a card, and room beneath it. */
export function AuthShell({ title, subtitle, children, below }: Props) {
  const demo = useDemoAccounts();
  return (
    <Box className={classes.page}>
      <Center mih="100dvh" px="md" py={40}>
        <Stack w="100%" maw={440} gap="lg">
          <Group gap="sm" justify="center" wrap="nowrap">
            <Logo size={36} />
            <Stack gap={0}>
              <Text fw={750} fz={22} lh={1.1}>
                Accord
              </Text>
              <Text size="sm" c="dimmed" lh={1.2} data-testid="company-name">
                {demo.data?.companyName ?? '\u00a0'}
              </Text>
            </Stack>
          </Group>
          <Paper p={{ base: 'lg', sm: 32 }} radius="lg" shadow="sm">
            <Stack gap={4} mb="lg">
              <Title order={2} fz={22}>
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Paper>
          {below}
        </Stack>
      </Center>
    </Box>
  );
}
