import { Badge, type BadgeProps } from '@mantine/core';
import { statusLabel } from '../../../../shared/partnerships/statuses';
import { statusColor } from '../status';

/** A link status as a coloured badge (custom statuses show their label in one shared colour). */
export function StatusBadge({ status, ...rest }: { status: string } & Omit<BadgeProps, 'color'>) {
  return (
    <Badge color={statusColor(status)} {...rest}>
      {statusLabel(status)}
    </Badge>
  );
}
