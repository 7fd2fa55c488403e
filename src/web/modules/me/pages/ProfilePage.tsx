import { useState } from 'react';
import { Badge, Button, Card, Group, Input, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { useUpdateProfile } from '../hooks';

export default function ProfilePage() {
  const user = useUser();
  const [savedName, setSavedName] = useState(user.name);
  const form = useForm({
    initialValues: { name: user.name },
    validate: { name: (v) => (v.trim() ? null : 'Enter your name') },
  });
  const save = useUpdateProfile();
  const dirty = form.values.name.trim() !== savedName;

  return (
    <Card radius="lg" maw={720}>
      <form
        onSubmit={form.onSubmit((v) =>
          save.mutate(
            { name: v.name.trim() },
            {
              onSuccess: (me) => {
                setSavedName(me.name);
                form.setValues({ name: me.name });
                notifications.show({
                  color: 'teal',
                  icon: <IconCheck size={16} />,
                  message: 'Your profile is saved.',
                });
              },
              onError: (e) => applyServerErrors(form, e, ['name']),
            },
          ),
        )}
      >
        <Stack gap="md">
          <Text fw={600}>Profile</Text>
          {save.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={save.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Name"
              autoComplete="name"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('name')}
            />
            <TextInput
              label="Email"
              value={user.email}
              readOnly
              variant="filled"
              description="Ask an administrator to change your email."
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Stack gap={4}>
              <Input.Label>Role</Input.Label>
              <Group gap="xs">
                <Badge size="lg">{user.roleName}</Badge>
              </Group>
            </Stack>
            <Stack gap={4}>
              <Input.Label>Department</Input.Label>
              <Text size="sm" c={user.departmentName ? undefined : 'dimmed'}>
                {user.departmentName ?? 'No department'}
              </Text>
            </Stack>
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" disabled={!dirty} loading={save.isPending}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
