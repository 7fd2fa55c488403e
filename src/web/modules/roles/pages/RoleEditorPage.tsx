import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconHistory } from '@tabler/icons-react';
import { useBlocker, useParams } from 'react-router';
import { can, type PermissionMatrix as Matrix } from '../../../../shared/permissions';
import type { Role } from '../../../../shared/roles.schema';
import { ApiError, fieldMessages } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { plural } from '../../../ui/format';
import { HistoryPanel } from '../../../ui/history/HistoryPanel';
import { PageHeader } from '../../../ui/PageHeader';
import type { Catalog } from '../api';
import { PermissionMatrix } from '../components/PermissionMatrix';
import { useCatalog, useRole, useUpdateRole } from '../hooks';
import { canonical, countGrants } from '../matrix';
import classes from './RoleEditorPage.module.css';

const back = { to: '/admin/roles', label: 'Roles' };

export default function RoleEditorPage() {
  const { id = '' } = useParams();
  const role = useRole(id);
  const catalog = useCatalog();
  if (role.isError || catalog.isError)
    return (
      <>
        <PageHeader title="Role" back={back} />
        <ErrorAlert
          error={role.error ?? catalog.error}
          onRetry={() => {
            void role.refetch();
            void catalog.refetch();
          }}
        />
      </>
    );
  if (role.isPending || catalog.isPending)
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={14} width={80} />
        <Skeleton height={30} width={260} />
        <Skeleton height={120} radius="lg" />
        <Skeleton height={360} radius="lg" />
      </Stack>
    );
  // A new version (after saving or reloading) starts a fresh draft.
  return (
    <RoleEditor
      key={`${role.data.id}:${role.data.version}`}
      role={role.data}
      catalog={catalog.data}
      onReload={() => void role.refetch()}
    />
  );
}

function RoleEditor({ role, catalog, onReload }: { role: Role; catalog: Catalog; onReload: () => void }) {
  const me = useUser();
  const mayEdit = can(me.permissions, 'roles.edit');
  const [name, setName] = useState(role.name);
  const [description, setDescription] = useState(role.description);
  const [matrix, setMatrix] = useState<Matrix>(role.permissions);
  const [historyOpen, setHistoryOpen] = useState(false);
  const update = useUpdateRole(role.id);

  const dirty =
    name.trim() !== role.name ||
    description.trim() !== role.description ||
    canonical(matrix) !== canonical(role.permissions);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !update.isPending && currentLocation.pathname !== nextLocation.pathname,
  );

  const discard = () => {
    setName(role.name);
    setDescription(role.description);
    setMatrix(role.permissions);
    update.reset();
  };
  const save = () =>
    update.mutate(
      {
        version: role.version,
        ...(name.trim() !== role.name ? { name: name.trim() } : {}),
        ...(description.trim() !== role.description ? { description: description.trim() } : {}),
        permissions: matrix,
      },
      { onSuccess: (r) => notifications.show({ color: 'teal', message: `The role ${r.name} is saved.` }) },
    );

  const fields = fieldMessages(update.error);
  const conflict = update.error instanceof ApiError && update.error.isConflict;

  return (
    <>
      <PageHeader
        title={role.name}
        back={back}
        description={
          <Group gap="xs" component="span">
            {role.system ? <Badge color="gray">Built-in</Badge> : <Badge color="grape">Custom</Badge>}
            <Text span size="sm" c="dimmed">
              {plural(role.userCount, 'user')} · {plural(countGrants(matrix), 'permission')} granted
            </Text>
          </Group>
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconHistory size={16} />}
              onClick={() => setHistoryOpen(true)}
            >
              History
            </Button>
            {mayEdit && (
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                disabled={!dirty || conflict}
                loading={update.isPending}
                onClick={save}
              >
                Save
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {update.isError && (
          <ErrorAlert
            error={update.error}
            title={conflict ? undefined : 'The role was not saved'}
            onReload={onReload}
          />
        )}
        <Card radius="lg">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput
              label="Name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              readOnly={!mayEdit}
              error={fields.name ?? (name.trim() ? null : 'Enter a name')}
            />
            <Textarea
              label="Description"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              readOnly={!mayEdit}
              autosize
              minRows={1}
              error={fields.description}
            />
          </SimpleGrid>
          {!mayEdit && (
            <Text size="sm" c="dimmed" mt="sm">
              Your role may look at roles but not change them.
            </Text>
          )}
        </Card>
        <PermissionMatrix catalog={catalog} value={matrix} onChange={setMatrix} readOnly={!mayEdit} />
      </Stack>
      {mayEdit && dirty && (
        <Paper className={classes.saveBar} shadow="lg" radius="lg" p="sm" px="md">
          <Group justify="space-between" gap="sm">
            <Text size="sm" fw={500}>
              You have unsaved changes
            </Text>
            <Group gap="xs">
              <Button variant="default" size="sm" onClick={discard}>
                Discard
              </Button>
              <Button size="sm" onClick={save} loading={update.isPending} disabled={!name.trim() || conflict}>
                Save changes
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      <Drawer
        opened={historyOpen}
        onClose={() => setHistoryOpen(false)}
        position="right"
        size="md"
        title={`History of ${role.name}`}
      >
        <HistoryPanel entity="role" entityId={role.id} />
      </Drawer>
      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title="Leave without saving?"
      >
        <Stack gap="md">
          <Text size="sm">Your changes to the role {role.name} are not saved yet.</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Stay
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Leave and discard
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
