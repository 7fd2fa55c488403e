import type { ReactNode } from 'react';
import { EmptyState } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';

interface Props {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
}

export function Empty({ title, description, icon, action }: Props) {
  return (
    <EmptyState
      py="xl"
      size="sm"
      withIndicatorBackground
      icon={icon ?? <IconInbox size={22} />}
      title={title}
      description={description}
    >
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
