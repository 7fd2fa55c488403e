import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import type { Role } from '../../../../shared/roles.schema';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { useCreateRole } from '../hooks';

export function CreateRoleModal({
  opened,
  onClose,
  roles,
}: {
  opened: boolean;
  onClose: () => void;
  roles: Role[];
}) {
  const create = useCreateRole();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { name: '', description: '', copyFrom: null as string | null },
    validate: { name: (v) => (v.trim() ? null : 'Give the role a name') },
  });
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New role">
      <form
        onSubmit={form.onSubmit((v) =>
          create.mutate(
            {
              name: v.name.trim(),
              description: v.description.trim(),
              permissions: roles.find((r) => r.id === v.copyFrom)?.permissions ?? {},
            },
            {
              onSuccess: (role) => {
                close();
                void navigate(`/admin/roles/${role.id}`);
              },
              onError: (e) => applyServerErrors(form, e, ['name', 'description']),
            },
          ),
        )}
        noValidate
      >
        <Stack gap="md">
          {create.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={create.error} />}
          <TextInput
            label="Name"
            placeholder="Partnership coordinators"
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Textarea
            label="Description"
            placeholder="Who has this role and why"
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <Select
            label="Start from"
            description="Copy the permissions of an existing role, then adjust them."
            placeholder="No permissions"
            data={roles.map((r) => ({ value: r.id, label: r.name }))}
            clearable
            {...form.getInputProps('copyFrom')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and edit permissions
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
