import '@mantine/dates/styles.css';
import { useState } from 'react';
import { Alert, Badge, Button, Card, CloseButton, Group, Select, Stack } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { IconCalendar, IconClipboardList, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { AUDIT_ACTIONS, type AuditAction } from '../../../../shared/audit.schema';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { ListFooter } from '../../../ui/LoadMore';
import { plural } from '../../../ui/format';
import { ACTION_VERBS, ENTITY_LABELS } from '../../../ui/history/changes';
import { PageHeader } from '../../../ui/PageHeader';
import { usersApi } from '../../users/api';
import { useUserValueResolver } from '../../users/hooks';
import { AUDIT_TABLE_WIDTH, AuditEntries } from '../components/AuditEntries';
import { useAuditLog, useVerifyChain } from '../hooks';
import { useNarrowerThan } from '../../../ui/usePhone';

export default function AuditPage() {
  const me = useUser();
  const compact = useNarrowerThan(AUDIT_TABLE_WIDTH);
  const [entity, setEntity] = useState<string | null>(null);
  const [entityId, setEntityId] = useState<string | null>(null);
  const [action, setAction] = useState<AuditAction | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [from, to] = range;
  const complete = Boolean(from && to) || (!from && !to);

  const log = useAuditLog({
    entity,
    entityId,
    action,
    actorId,
    from: complete ? from : null,
    to: complete ? to : null,
  });
  const verify = useVerifyChain();
  const resolve = useUserValueResolver();
  const actors = useQuery({
    queryKey: ['users', 'actors'],
    queryFn: () => usersApi.list({ limit: 200, sort: 'name' }),
    enabled: can(me.permissions, 'users.view'),
    staleTime: 5 * 60_000,
  });

  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(entity || entityId || action || actorId || from || to);
  const clear = () => {
    setEntity(null);
    setEntityId(null);
    setAction(null);
    setActorId(null);
    setRange([null, null]);
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change anyone made, newest first. Entries are chained by hashes, so a changed or removed entry shows up when you verify."
        actions={
          <Button
            variant="default"
            leftSection={<IconShieldCheck size={16} />}
            onClick={() => verify.mutate()}
            loading={verify.isPending}
          >
            Verify chain
          </Button>
        }
      />
      <Stack gap="md">
        {verify.isError && <ErrorAlert error={verify.error} title="The check did not run" />}
        {verify.data && (
          <Alert
            color={verify.data.ok ? 'teal' : 'red'}
            variant="light"
            icon={verify.data.ok ? <IconShieldCheck size={18} /> : <IconShieldX size={18} />}
            title={verify.data.ok ? 'The audit log is intact' : 'The audit log was tampered with'}
            withCloseButton
            onClose={() => verify.reset()}
            data-testid="verify-result"
          >
            {verify.data.message} ({plural(verify.data.checked, 'entry', 'entries')} checked
            {verify.data.brokenAt !== null ? `; first broken entry #${verify.data.brokenAt}` : ''}).
          </Alert>
        )}
        <Card radius="lg" p={0}>
          <Group p="md" gap="sm" align="flex-end" wrap="wrap">
            <Select
              placeholder="All records"
              aria-label="Record kind"
              data={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
              value={entity}
              onChange={setEntity}
              clearable
              style={{ flex: '1 1 150px' }}
            />
            <Select
              placeholder="All actions"
              aria-label="Action"
              data={AUDIT_ACTIONS.map((a) => ({
                value: a,
                label: ACTION_VERBS[a].replace(/^./, (c) => c.toUpperCase()),
              }))}
              value={action}
              onChange={(v) => setAction(v as AuditAction | null)}
              clearable
              style={{ flex: '1 1 130px' }}
            />
            {actors.data && (
              <Select
                placeholder="Anyone"
                aria-label="Who"
                data={actors.data.items.map((u) => ({ value: u.id, label: u.name }))}
                value={actorId}
                onChange={setActorId}
                searchable
                clearable
                style={{ flex: '1 1 180px' }}
              />
            )}
            <DatePickerInput
              type="range"
              placeholder="Any date"
              aria-label="Date range"
              value={range}
              onChange={setRange}
              clearable
              allowSingleDateInRange
              leftSection={<IconCalendar size={16} />}
              valueFormat="MMM D, YYYY"
              style={{ flex: '1 1 220px' }}
            />
            {filtered && (
              <Button variant="subtle" color="gray" onClick={clear}>
                Clear
              </Button>
            )}
          </Group>
          {entityId && (
            <Group px="md" pb="sm" gap="xs">
              <Badge
                variant="outline"
                size="lg"
                rightSection={
                  <CloseButton size="xs" onClick={() => setEntityId(null)} aria-label="Show all records" />
                }
              >
                One record: {entityId.slice(0, 8)}…
              </Badge>
            </Group>
          )}
          {log.isError ? (
            <Stack p="md" pt={0}>
              <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
            </Stack>
          ) : !log.isPending && entries.length === 0 ? (
            <Empty
              icon={<IconClipboardList size={22} />}
              title={filtered ? 'No entries match' : 'No changes yet'}
              description={
                filtered
                  ? 'Try other filters or a wider date range.'
                  : 'Changes people make will be listed here.'
              }
            />
          ) : (
            <AuditEntries
              entries={entries}
              loading={log.isPending}
              dimmed={log.isPlaceholderData}
              resolve={resolve}
              onRecord={setEntityId}
              compact={compact}
            />
          )}
          {entries.length > 0 && (
            <ListFooter
              query={log}
              shown={entries.length}
              noun="entry"
              nouns="entries"
              allLoaded=" — the whole log"
            />
          )}
        </Card>
      </Stack>
    </>
  );
}
