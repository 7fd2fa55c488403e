import type { ReactNode } from 'react';
import { Paper, Text } from '@mantine/core';

interface Props {
  label: string;
  value: ReactNode;
  /** A line under the value: "CA$15,000.00 secured". */
  hint?: ReactNode;
  /** The value's colour when it is not zero (numbers) or always (text). */
  color?: string;
  testId?: string;
}

/** One figure in a grid of figures: a small caps label, a big value, an optional hint. */
export function StatTile({ label, value, hint, color, testId }: Props) {
  const quiet = value === 0;
  return (
    <Paper withBorder radius="md" p={{ base: 'xs', sm: 'sm' }} data-testid={testId} style={{ minWidth: 0 }}>
      <Text
        fz={{ base: 10, sm: 'xs' }}
        c="dimmed"
        fw={700}
        tt="uppercase"
        style={{ letterSpacing: 0.4 }}
        truncate="end"
      >
        {label}
      </Text>
      <Text
        fz={{ base: 18, sm: 24 }}
        fw={700}
        c={quiet ? undefined : color}
        style={{ fontVariantNumeric: 'tabular-nums' }}
        truncate="end"
      >
        {typeof value === 'number' ? value.toLocaleString() : value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" truncate="end">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
