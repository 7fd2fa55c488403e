import { Group, Text } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { hiddenHint } from '../../shared/hidden';

/**
 * "2 consultants are hidden by your visibility settings": under a list the caller's record scope shortens,
 * so a record that exists but does not show is explained rather than a mystery. Nothing for 0 or unknown.
 */
export function HiddenNotice({
  count,
  singular,
  plural,
}: {
  count: number | null | undefined;
  singular: string;
  plural?: string;
}) {
  const hint = hiddenHint(count ?? 0, singular, plural);
  if (!hint) return null;
  return (
    <Group gap={6} wrap="nowrap" data-testid="hidden-notice">
      <IconEyeOff size={14} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
      <Text size="xs" c="dimmed">
        {hint}.
      </Text>
    </Group>
  );
}
