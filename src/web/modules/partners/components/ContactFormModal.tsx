import { Button, Group, Modal, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import type { Contact, ContactInput } from '../api';
import { useSaveContact } from '../hooks';

const FIELDS = [
  'firstName',
  'lastName',
  'title',
  'email',
  'phone',
  'mobile',
  'linkedin',
  'isPrimary',
  'notes',
] as const;

function valuesOf(c: Contact | null, primary: boolean): ContactInput {
  return {
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    title: c?.title ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    mobile: c?.mobile ?? '',
    linkedin: c?.linkedin ?? '',
    isPrimary: c?.isPrimary ?? primary,
    notes: c?.notes ?? '',
  };
}

/**
 * Add or edit a consultant (a person) of a partner: a first or last name is required; email and phone are
 * checked here and again by the server, whose messages land beside the fields. The first person becomes
 * the primary contact by default.
 */
export function ContactFormModal({
  partnerId,
  contact,
  firstOne,
  opened,
  onClose,
  onSaved,
}: {
  partnerId: string;
  contact: Contact | null;
  firstOne: boolean;
  opened: boolean;
  onClose: () => void;
  onSaved?: (c: Contact) => void;
}) {
  const save = useSaveContact(partnerId);
  const base = valuesOf(contact, firstOne);
  const form = useForm<ContactInput>({
    initialValues: base,
    validate: {
      lastName: (v, all) => (v.trim() || all.firstName.trim() ? null : 'Enter a first or last name'),
      email: (v) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
    },
  });

  const submit = (v: ContactInput) => {
    const trimmed = Object.fromEntries(
      Object.entries(v).map(([k, val]) => [k, typeof val === 'string' ? val.trim() : val]),
    ) as unknown as ContactInput;
    const input = contact
      ? Object.fromEntries(
          Object.entries(trimmed).filter(([k, val]) => val !== base[k as keyof ContactInput]),
        )
      : trimmed;
    if (contact && Object.keys(input).length === 0) {
      onClose();
      return;
    }
    save.mutate(
      { id: contact?.id, version: contact?.version, input },
      {
        onSuccess: (c) => {
          notifications.show({ color: 'teal', message: `${c.name} is saved.` });
          onSaved?.(c);
          onClose();
        },
        onError: (e) => applyServerErrors(form, e, FIELDS),
      },
    );
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const showAlert = save.isError && (conflict || Object.keys(form.errors).length === 0);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? `Edit ${contact.name}` : 'New consultant'}
      size="lg"
    >
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {showAlert && <ErrorAlert error={save.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="First name" data-autofocus {...form.getInputProps('firstName')} />
            <TextInput
              label="Last name"
              withAsterisk
              description="A first or last name is required"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('lastName')}
            />
            <TextInput label="Job title" {...form.getInputProps('title')} />
            <TextInput label="Email" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" {...form.getInputProps('phone')} />
            <TextInput label="Mobile" {...form.getInputProps('mobile')} />
          </SimpleGrid>
          <TextInput
            label="LinkedIn"
            placeholder="https://www.linkedin.com/in/…"
            {...form.getInputProps('linkedin')}
          />
          <Switch
            label="Primary contact"
            description="The person mail merges and action items address. A partner has one."
            {...form.getInputProps('isPrimary', { type: 'checkbox' })}
          />
          <Textarea label="Notes" autosize minRows={2} maxRows={5} {...form.getInputProps('notes')} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              {contact ? 'Save changes' : 'Save consultant'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
