import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../api/client';

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  /** Shown instead of "Try again" for a version conflict. */
  onReload?: () => void;
}

/** One failure, in words: the server's message, and a way forward (retry, or reload on a conflict). */
export function ErrorAlert({ error, title, onRetry, onReload }: Props) {
  if (!error) return null;
  const conflict = error instanceof ApiError && error.isConflict;
  const heading =
    title ??
    (conflict
      ? 'Someone else changed this'
      : error instanceof ApiError && error.status === 403
        ? 'Not allowed'
        : 'Something went wrong');
  return (
    <Alert
      color={conflict ? 'orange' : 'red'}
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={heading}
      role="alert"
    >
      <Text size="sm">{errorMessage(error)}</Text>
      {(conflict ? onReload : onRetry) && (
        <Group mt="sm">
          <Button
            size="xs"
            variant="white"
            color={conflict ? 'orange' : 'red'}
            leftSection={<IconRefresh size={14} />}
            onClick={conflict ? onReload : onRetry}
          >
            {conflict ? 'Reload' : 'Try again'}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
