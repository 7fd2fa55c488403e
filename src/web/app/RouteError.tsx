import { Button, Center, Code, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** A page failed to load its code (usually: Accord was updated since this tab opened). */
export function isChunkLoadError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /dynamically imported module|Importing a module script failed|error loading dynamically|module script/i.test(
    message,
  );
}

/** What a page shows instead of crashing the whole app when it throws while rendering. */
export function RouteError() {
  const err = useRouteError();
  const chunk = isChunkLoadError(err);
  const detail = isRouteErrorResponse(err)
    ? `${err.status} ${err.statusText}`
    : err instanceof Error
      ? err.message
      : String(err);
  return (
    <Center py={60} px="md">
      <Paper p="xl" radius="lg" maw={520} w="100%">
        <Stack align="center" ta="center" gap="sm">
          <ThemeIcon size={56} radius="xl" variant="light" color={chunk ? 'indigo' : 'red'}>
            {chunk ? <IconRefresh size={28} /> : <IconAlertTriangle size={28} />}
          </ThemeIcon>
          <Title order={3}>{chunk ? 'Accord was updated' : 'This page ran into a problem'}</Title>
          <Text c="dimmed" size="sm">
            {chunk
              ? 'A newer version is available. Reload to continue with it.'
              : 'Reloading usually helps. If it keeps happening, tell your administrator what you were doing.'}
          </Text>
          {!chunk && (
            <Code block w="100%" ta="left" style={{ whiteSpace: 'pre-wrap' }}>
              {detail}
            </Code>
          )}
          <Button leftSection={<IconRefresh size={16} />} onClick={() => window.location.reload()} mt="xs">
            Reload
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
