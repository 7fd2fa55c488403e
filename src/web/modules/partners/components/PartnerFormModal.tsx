import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PartnerCreate } from '../../../../shared/partners.schema';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { partnersApi, type Partner } from '../api';
import { useFilterOptions, useSavePartner } from '../hooks';
import { partnerPath } from './PartnerRows';

const FIELDS = [
  'name',
  'levelId',
  'email',
  'phone',
  'website',
  'linkedin',
  'tags',
  'isAlumni',
  'notes',
] as const;

interface Values {
  name: string;
  levelId: string | null;
  email: string;
  phone: string;
  website: string;
  linkedin: string;
  tags: string[];
  isAlumni: boolean;
  notes: string;
}

function valuesOf(p: Partner | null): Values {
  return {
    name: p?.name ?? '',
    levelId: p?.levelId ?? null,
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    website: p?.website ?? '',
    linkedin: p?.linkedin ?? '',
    tags: p?.tags ?? [],
    isAlumni: p?.isAlumni ?? false,
    notes: p?.notes ?? '',
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A 409 for a company name that exists already: the message, and a way to the existing partner. */
function Duplicate({ error, onOpen }: { error: ApiError; onOpen: () => void }) {
  const existingId = UUID.exec(error.message)?.[0];
  const message = error.message.replace(/\s*\(id [^)]*\)/, '');
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title="This partner exists"
      role="alert"
    >
      <Text size="sm">{message}</Text>
      {existingId && (
        <Anchor component={Link} to={partnerPath(existingId)} size="sm" fw={600} onClick={onOpen}>
          Open the existing partner
        </Anchor>
      )}
    </Alert>
  );
}

/** Create or edit a partner. Mount it with a `key` per partner so it starts from that partner's values. */
export function PartnerFormModal({
  partner,
  opened,
  onClose,
  onCreated,
}: {
  partner: Partner | null;
  opened: boolean;
  onClose: () => void;
  onCreated?: (p: Partner) => void;
}) {
  const [version, setVersion] = useState(partner?.version ?? 1);
  const [base, setBase] = useState<Values>(() => valuesOf(partner));
  const options = useFilterOptions();
  const save = useSavePartner();
  const editing = partner !== null;

  const form = useForm<Values>({
    initialValues: base,
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the company name'),
      email: (v) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
    },
  });

  const reload = async () => {
    if (!partner) return;
    try {
      const fresh = await partnersApi.get(partner.id);
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
    const next: Values = {
      ...v,
      name: v.name.trim(),
      email: v.email.trim(),
      phone: v.phone.trim(),
      website: v.website.trim(),
      linkedin: v.linkedin.trim(),
      notes: v.notes.trim(),
    };
    const input: Partial<PartnerCreate> = editing
      ? Object.fromEntries(
          Object.entries(next).filter(
            ([k, val]) => JSON.stringify(val) !== JSON.stringify(base[k as keyof Values]),
          ),
        )
      : next;
    if (editing && Object.keys(input).length === 0) {
      onClose();
      return;
    }
    save.mutate(
      { id: partner?.id, version, input },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: editing ? `${saved.name} is saved.` : `${saved.name} is added.`,
          });
          onClose();
          if (!editing) onCreated?.(saved);
        },
        onError: (e) => applyServerErrors(form, e, FIELDS),
      },
    );
  };

  const err = save.error;
  const duplicate = err instanceof ApiError && err.code === 'duplicate_partner' ? err : null;
  const conflict = err instanceof ApiError && err.isConflict;
  const showAlert = save.isError && !duplicate && (conflict || Object.keys(form.errors).length === 0);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? `Edit ${partner.name}` : 'New partner'}
      size="lg"
    >
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {duplicate && <Duplicate error={duplicate} onOpen={onClose} />}
          {showAlert && <ErrorAlert error={err} onReload={() => void reload()} />}
          <TextInput
            label="Company"
            withAsterisk
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Partner tier"
              placeholder="No tier"
              data={(options.data?.levels ?? []).map((l) => ({ value: l.id, label: l.name }))}
              clearable
              {...form.getInputProps('levelId')}
            />
            <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
            <TextInput label="Phone" autoComplete="off" {...form.getInputProps('phone')} />
            <TextInput label="Website" placeholder="https://example.com" {...form.getInputProps('website')} />
            <TextInput
              label="LinkedIn"
              placeholder="https://www.linkedin.com/company/…"
              {...form.getInputProps('linkedin')}
            />
            <TagsInput
              label="Tags"
              placeholder="Type and press Enter"
              data={options.data?.tags ?? []}
              clearable
              {...form.getInputProps('tags')}
            />
          </SimpleGrid>
          <Switch
            label="Alumni partner"
            description="Has partnered with us before."
            {...form.getInputProps('isAlumni', { type: 'checkbox' })}
          />
          <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              {editing ? 'Save changes' : 'Create partner'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
