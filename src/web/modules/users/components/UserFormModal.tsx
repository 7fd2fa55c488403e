import { useState } from 'react';
import {
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../../../shared/permissions';
import { ApiError } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { rolesApi } from '../../roles/api';
import { usersApi, type User, type UserInput } from '../api';
import { useDepartments, useSaveUser } from '../hooks';

const FIELDS = ['name', 'email', 'roleId', 'departmentId', 'active', 'password'] as const;

interface Values {
  name: string;
  email: string;
  roleId: string | null;
  departmentId: string | null;
  active: boolean;
  password: string;
}

function valuesOf(u: User | null): Values {
  return {
    name: u?.name ?? '',
    email: u?.email ?? '',
    roleId: u?.roleId ?? null,
    departmentId: u?.departmentId ?? null,
    active: u?.active ?? true,
    password: '',
  };
}

/** Create or edit a user. Mount it with a `key` per user so it starts from that user's values. */
export function UserFormModal({
  user,
  opened,
  onClose,
}: {
  user: User | null;
  opened: boolean;
  onClose: () => void;
}) {
  const me = useUser();
  const [version, setVersion] = useState(user?.version ?? 1);
  const [base, setBase] = useState<Values>(() => valuesOf(user));
  const roles = useQuery({
    queryKey: ['roles', 'options'],
    queryFn: rolesApi.options,
    enabled: can(me.permissions, 'users.view'),
  });
  const departments = useDepartments();
  const save = useSaveUser();
  const editing = user !== null;

  const form = useForm<Values>({
    initialValues: base,
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      roleId: (v) => (v ? null : 'Choose a role'),
      password: (v) =>
        !editing && !v
          ? 'Set a first password (they can change it later)'
          : v && v.length < 10
            ? 'Use at least 10 characters'
            : null,
    },
  });

  const roleOptions = roles.data
    ? roles.data.items.map((r) => ({ value: r.id, label: r.name }))
    : user
      ? [{ value: user.roleId, label: user.roleName }]
      : [];
  const departmentOptions = (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));

  const reload = async () => {
    if (!user) return;
    try {
      const fresh = await usersApi.get(user.id);
      const v = valuesOf(fresh);
      setBase(v);
      setVersion(fresh.version);
      form.setValues(v);
      form.resetDirty(v);
      save.reset();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not reload', message: (e as Error).message });
    }
  };

  const submit = (v: Values) => {
    const input: Partial<UserInput> = editing
      ? {
          ...(v.name.trim() !== base.name ? { name: v.name.trim() } : {}),
          ...(v.email.trim().toLowerCase() !== base.email ? { email: v.email.trim() } : {}),
          ...(v.roleId !== base.roleId ? { roleId: v.roleId! } : {}),
          ...(v.departmentId !== base.departmentId ? { departmentId: v.departmentId } : {}),
          ...(v.active !== base.active ? { active: v.active } : {}),
          ...(v.password ? { password: v.password } : {}),
        }
      : {
          name: v.name.trim(),
          email: v.email.trim(),
          roleId: v.roleId!,
          departmentId: v.departmentId,
          active: v.active,
          password: v.password,
        };
    if (editing && Object.keys(input).length === 0) {
      onClose();
      return;
    }
    save.mutate(
      { id: user?.id, version, input },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: editing
              ? `${saved.name} is saved.`
              : `${saved.name} can now sign in as ${saved.roleName}.`,
          });
          onClose();
        },
        onError: (e) => applyServerErrors(form, e, FIELDS),
      },
    );
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const showAlert = save.isError && (conflict || Object.keys(form.errors).length === 0);

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit ${user.name}` : 'New user'} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {showAlert && <ErrorAlert error={save.error} onReload={() => void reload()} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Name"
              autoComplete="off"
              data-autofocus
              withAsterisk
              {...form.getInputProps('name')}
            />
            <TextInput
              label="Email"
              type="email"
              autoComplete="off"
              withAsterisk
              {...form.getInputProps('email')}
            />
            <Select
              label="Role"
              placeholder={
                roles.isPending && roles.fetchStatus !== 'idle' ? 'Loading roles…' : 'Choose a role'
              }
              data={roleOptions}
              withAsterisk
              allowDeselect={false}
              searchable
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('roleId')}
            />
            <Select
              label="Department"
              placeholder="No department"
              data={departmentOptions}
              clearable
              searchable
              {...form.getInputProps('departmentId')}
            />
          </SimpleGrid>
          <PasswordInput
            label={editing ? 'New password' : 'First password'}
            description={
              editing
                ? 'Leave empty to keep their current password.'
                : 'At least 10 characters. Share it safely; they can change it under Your account.'
            }
            autoComplete="new-password"
            withAsterisk={!editing}
            {...form.getInputProps('password')}
          />
          <Switch
            label="Active"
            description="Inactive users cannot sign in; their records stay."
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              {editing ? 'Save changes' : 'Create user'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
