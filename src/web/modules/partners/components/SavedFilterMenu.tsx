import { useState } from 'react';
import { Badge, Button, Group, Menu, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconBookmark,
  IconBookmarkPlus,
  IconChevronDown,
  IconDeviceFloppy,
  IconPencil,
  IconShare,
  IconStar,
  IconStarOff,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import type { SavedFilterModule } from '../../../../shared/savedFilters.schema';
import { errorMessage } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import type { SavedFilter } from '../api';
import { useSavedFilterMutations } from '../hooks';
import { sameState, stateFrom, type ListState } from '../listParams';

type Dialog = { kind: 'save' } | { kind: 'rename'; filter: SavedFilter } | null;

/** The saved filter the list currently shows, if any: the same search, filters and sort. */
export function activeSavedFilter(filters: SavedFilter[], state: ListState): SavedFilter | undefined {
  return filters.find((f) => sameState(stateFrom(f.filter), state));
}

function SaveModal({
  dialog,
  module,
  state,
  onClose,
  onSaved,
}: {
  dialog: NonNullable<Dialog>;
  module: SavedFilterModule;
  state: ListState;
  onClose: () => void;
  onSaved: (f: SavedFilter) => void;
}) {
  const { create, update } = useSavedFilterMutations(module);
  const renaming = dialog.kind === 'rename' ? dialog.filter : null;
  const form = useForm({
    initialValues: { name: renaming?.name ?? '', shared: false, isDefault: false },
    validate: { name: (v) => (v.trim() ? null : 'Give the filter a name') },
  });
  const mutation = renaming ? update : create;
  const submit = (v: typeof form.values) => {
    const done = {
      onSuccess: (f: SavedFilter) => {
        notifications.show({
          color: 'teal',
          message: renaming ? `Renamed to “${f.name}”.` : `“${f.name}” is saved.`,
        });
        onSaved(f);
        onClose();
      },
      onError: (e: unknown) => applyServerErrors(form, e, ['name']),
    };
    if (renaming)
      update.mutate({ id: renaming.id, patch: { version: renaming.version, name: v.name.trim() } }, done);
    else
      create.mutate(
        {
          module,
          name: v.name.trim(),
          shared: v.shared,
          isDefault: v.isDefault,
          filter: state as Record<string, string>,
        },
        done,
      );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={renaming ? `Rename “${renaming.name}”` : 'Save this filter'}
      size="md"
    >
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {mutation.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={mutation.error} />}
          <TextInput
            label="Name"
            withAsterisk
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          {!renaming && (
            <>
              <Switch
                label="Share with my team"
                description="Colleagues see it in their saved filters; only you can change it."
                {...form.getInputProps('shared', { type: 'checkbox' })}
              />
              <Switch
                label="Use as my default"
                description="The list opens with this filter when the address has none."
                {...form.getInputProps('isDefault', { type: 'checkbox' })}
              />
            </>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {renaming ? 'Rename' : 'Save filter'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Apply, save, rename, share, make default and delete saved filters of a list. */
export function SavedFilterMenu({
  module,
  filters,
  state,
  onApply,
}: {
  module: SavedFilterModule;
  filters: SavedFilter[];
  state: ListState;
  onApply: (f: SavedFilter) => void;
}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { update, remove } = useSavedFilterMutations(module);
  const active = activeSavedFilter(filters, state);
  const mine = filters.filter((f) => f.mine);
  const shared = filters.filter((f) => !f.mine);

  const patch = (f: SavedFilter, p: { shared?: boolean; isDefault?: boolean }, message: string) =>
    update.mutate(
      { id: f.id, patch: { version: f.version, ...p } },
      {
        onSuccess: () => notifications.show({ message }),
        onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) }),
      },
    );
  const confirmDelete = (f: SavedFilter) =>
    modals.openConfirmModal({
      title: `Delete “${f.name}”?`,
      children: (
        <Text size="sm">
          The saved filter goes{f.shared ? ', for your colleagues too' : ''}. The partners stay as they are.
        </Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(f.id, {
          onSuccess: () => notifications.show({ message: `“${f.name}” is deleted.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  const item = (f: SavedFilter) => (
    <Menu.Item
      key={f.id}
      onClick={() => onApply(f)}
      leftSection={
        f.isDefault && f.mine ? (
          <IconStar size={15} />
        ) : f.shared ? (
          <IconUsers size={15} />
        ) : (
          <IconBookmark size={15} />
        )
      }
      rightSection={
        active?.id === f.id ? (
          <Badge size="xs" variant="light">
            Showing
          </Badge>
        ) : !f.mine && f.ownerName ? (
          <Text size="xs" c="dimmed">
            {f.ownerName}
          </Text>
        ) : undefined
      }
    >
      {f.name}
    </Menu.Item>
  );

  return (
    <>
      <Menu position="bottom-start" shadow="md" width={300} withinPortal>
        <Menu.Target>
          <Button
            variant={active ? 'light' : 'default'}
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid="saved-filters"
            maw={260}
          >
            <Text span size="sm" fw={500} truncate="end">
              {active ? active.name : 'Saved filters'}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {mine.length > 0 && <Menu.Label>Yours</Menu.Label>}
          {mine.map(item)}
          {shared.length > 0 && <Menu.Label>Shared by colleagues</Menu.Label>}
          {shared.map(item)}
          {filters.length === 0 && (
            <Text size="sm" c="dimmed" px="sm" py={6}>
              No saved filters yet.
            </Text>
          )}
          <Menu.Divider />
          <Menu.Item leftSection={<IconBookmarkPlus size={15} />} onClick={() => setDialog({ kind: 'save' })}>
            Save current filter…
          </Menu.Item>
          {active?.mine && (
            <>
              <Menu.Label>“{active.name}”</Menu.Label>
              <Menu.Item
                leftSection={<IconPencil size={15} />}
                onClick={() => setDialog({ kind: 'rename', filter: active })}
              >
                Rename…
              </Menu.Item>
              <Menu.Item
                leftSection={active.isDefault ? <IconStarOff size={15} /> : <IconStar size={15} />}
                onClick={() =>
                  patch(
                    active,
                    { isDefault: !active.isDefault },
                    active.isDefault
                      ? `“${active.name}” is no longer your default.`
                      : `“${active.name}” is your default.`,
                  )
                }
              >
                {active.isDefault ? 'Stop using as default' : 'Use as my default'}
              </Menu.Item>
              <Menu.Item
                leftSection={active.shared ? <IconDeviceFloppy size={15} /> : <IconShare size={15} />}
                onClick={() =>
                  patch(
                    active,
                    { shared: !active.shared },
                    active.shared
                      ? `“${active.name}” is private now.`
                      : `“${active.name}” is shared with your team.`,
                  )
                }
              >
                {active.shared ? 'Make private' : 'Share with my team'}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={15} />}
                onClick={() => confirmDelete(active)}
              >
                Delete…
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {dialog && (
        <SaveModal
          dialog={dialog}
          module={module}
          state={state}
          onClose={() => setDialog(null)}
          onSaved={onApply}
        />
      )}
    </>
  );
}
