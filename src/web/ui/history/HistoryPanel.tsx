/** The change history of one record (who, when, field, old → new). Every module's record pages reuse it. */
import { Badge, Group, Skeleton, Stack, Text, ThemeIcon, Timeline, Tooltip } from '@mantine/core';
import { IconHistory, IconPencil, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { auditEntrySchema, type AuditAction } from '../../../shared/audit.schema';
import { api } from '../../api/client';
import { Empty } from '../Empty';
import { ErrorAlert } from '../ErrorAlert';
import { formatDateTime, formatRelative } from '../format';
import { ACTION_COLORS, ACTION_VERBS, type ValueResolver } from './changes';
import { ChangeList } from './ChangeList';

const historySchema = z.object({ items: z.array(auditEntrySchema) });

/** The query key of a record's history (with or without its related records: both start with this). */
export const historyKey = (entity: string, entityId: string) => ['history', entity, entityId] as const;

const ICONS: Record<AuditAction, typeof IconPlus> = {
  create: IconPlus,
  update: IconPencil,
  delete: IconTrash,
  restore: IconRestore,
};

interface Props {
  entity: string;
  entityId: string;
  /** Names for raw values such as role and department ids. */
  resolve?: ValueResolver;
  /** Also the changes of the record's related records (a partner's consultants, leads…), each named. */
  related?: boolean;
}

export function HistoryPanel({ entity, entityId, resolve, related = false }: Props) {
  const q = useQuery({
    queryKey: [...historyKey(entity, entityId), { related }],
    queryFn: () =>
      api.get(
        `/api/v1/history/${entity}/${encodeURIComponent(entityId)}${related ? '?related=true' : ''}`,
        historySchema,
      ),
  });
  if (q.isPending)
    return (
      <Stack gap="lg" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Group key={i} align="flex-start" wrap="nowrap">
            <Skeleton circle height={26} />
            <Stack gap={6} style={{ flex: 1 }}>
              <Skeleton height={12} width="50%" />
              <Skeleton height={10} width="30%" />
              <Skeleton height={10} width="80%" />
            </Stack>
          </Group>
        ))}
      </Stack>
    );
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0)
    return (
      <Empty
        title="No history yet"
        description="Changes to this record will appear here."
        icon={<IconHistory size={22} />}
      />
    );
  return (
    <Timeline bulletSize={28} lineWidth={2} data-testid="history-timeline">
      {q.data.items.map((e) => {
        const Icon = ICONS[e.action];
        return (
          <Timeline.Item
            key={e.id}
            bullet={
              <ThemeIcon size={28} radius="xl" variant="light" color={ACTION_COLORS[e.action]}>
                <Icon size={14} />
              </ThemeIcon>
            }
            title={
              <Group gap={6} wrap="wrap">
                <Text fw={600} size="sm">
                  {e.actorName}
                </Text>
                <Badge size="sm" color={ACTION_COLORS[e.action]}>
                  {ACTION_VERBS[e.action]}
                </Badge>
                {e.subject && (
                  <Text size="sm" c="dimmed" data-testid="history-subject">
                    {e.subject.noun} ·{' '}
                    <Text span fw={500} c="var(--mantine-color-text)">
                      {e.subject.label}
                    </Text>
                  </Text>
                )}
              </Group>
            }
          >
            <Tooltip label={formatDateTime(e.at)}>
              <Text size="xs" c="dimmed" w="fit-content" mb={6}>
                {formatRelative(e.at)}
              </Text>
            </Tooltip>
            <ChangeList changes={e.changes} resolve={resolve} />
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
