import { useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Divider,
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
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PartnerCreate } from '../../../../shared/partners.schema';
import { ApiError } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { applyServerErrors } from '../../../ui/forms';
import { useOwnerOptions } from '../../links/hooks';
import { partnersApi, type Partner } from '../api';
import { countryOptions } from '../countries';
import { useDuplicates, useFilterOptions, useSavePartner } from '../hooks';
import { DuplicateWarning } from './DuplicateWarning';
import { partnerPath } from './PartnerRows';

interface Values {
  name: string;
  levelId: string | null;
  status: 'active' | 'inactive';
  ownerId: string | null;
  visibility: 'everyone' | 'team' | 'owner';
  email: string;
  phone: string;
  website: string;
  linkedin: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  industry: string;
  tags: string[];
  isAlumni: boolean;
  isCustomer: boolean;
  notes: string;
}

const FIELDS = [
  'name',
  'levelId',
  'status',
  'ownerId',
  'visibility',
  'email',
  'phone',
  'website',
  'linkedin',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'industry',
  'tags',
  'isAlumni',
  'isCustomer',
  'notes',
] as const;
const TRIMMED = [
  'name',
  'email',
  'phone',
  'website',
  'linkedin',
  'street',
  'city',
  'region',
  'postalCode',
  'industry',
  'notes',
] as const;

function valuesOf(p: Partner | null, me: string): Values {
  return {
    name: p?.name ?? '',
    levelId: p?.levelId ?? null,
    status: p?.status ?? 'active',
    ownerId: p ? p.ownerId : me,
    visibility: p?.visibility ?? 'everyone',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    website: p?.website ?? '',
    linkedin: p?.linkedin ?? '',
    street: p?.street ?? '',
    city: p?.city ?? '',
    region: p?.region ?? '',
    postalCode: p?.postalCode ?? '',
    country: p?.country ?? '',
    industry: p?.industry ?? '',
    tags: p?.tags ?? [],
    isAlumni: p?.isAlumni ?? false,
    isCustomer: p?.isCustomer ?? false,
    notes: p?.notes ?? '',
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/;

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

/** "changed by Alex at 2026-03-02T09:00:00.000Z" with the instant as people read it. */
function readableConflict(err: ApiError): ApiError {
  return new ApiError(
    err.status,
    err.code,
    err.message.replace(INSTANT, (iso) => formatDateTime(iso)),
    err.fields,
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
  const owners = useOwnerOptions(partner ? { id: partner.ownerId, name: partner.ownerName } : undefined);
  const me = useUser().id;
  const [version, setVersion] = useState(partner?.version ?? 1);
  const [base, setBase] = useState<Values>(() => valuesOf(partner, me));
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

  // The duplicate check runs as the name, website and email are typed (and not for an unchanged record).
  // (Debounced as one string: a fresh object every render would restart the timer forever.)
  const probe = JSON.stringify([
    form.values.name.trim(),
    form.values.website.trim(),
    form.values.email.trim(),
  ]);
  const [debounced] = useDebouncedValue(probe, 400);
  const checked = useMemo(() => {
    const [name, website, email] = JSON.parse(debounced) as [string, string, string];
    return { name, website, email };
  }, [debounced]);
  const changed =
    !editing ||
    checked.name !== base.name ||
    checked.website !== base.website ||
    checked.email !== base.email;
  const duplicates = useDuplicates(
    { ...checked, excludeId: partner?.id },
    opened && changed && (checked.name.length >= 2 || checked.website !== '' || checked.email.includes('@')),
  );

  const reload = async () => {
    if (!partner) return;
    try {
      const fresh = await partnersApi.get(partner.id);
      const v = valuesOf(fresh, me);
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
    const next: Values = { ...v };
    for (const k of TRIMMED) next[k] = v[k].trim();
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
  const matches = changed ? (duplicates.data?.items ?? []) : [];
  const hiddenMatches = changed ? (duplicates.data?.hiddenCount ?? 0) : 0;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? `Edit ${partner.name}` : 'New partner'}
      size="xl"
    >
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {duplicate && <Duplicate error={duplicate} onOpen={onClose} />}
          {showAlert && (
            <ErrorAlert
              error={conflict ? readableConflict(err as ApiError) : err}
              onReload={() => void reload()}
            />
          )}
          <TextInput
            label="Company"
            withAsterisk
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          {!duplicate && <DuplicateWarning items={matches} hiddenCount={hiddenMatches} onOpen={onClose} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
            <Select
              label="Level"
              placeholder="No level"
              data={(options.data?.levels ?? []).map((l) => ({ value: l.id, label: l.name }))}
              clearable
              {...form.getInputProps('levelId')}
            />
            <Select
              label="Status"
              data={[
                { value: 'active', label: 'Active' },
                { value: 'inactive', label: 'Inactive' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('status')}
            />
            <Select
              label="Owner"
              placeholder="Nobody"
              data={owners}
              searchable
              clearable
              {...form.getInputProps('ownerId')}
            />
            <Select
              label="Visible to"
              data={[
                { value: 'everyone', label: 'Everyone who may see partners' },
                { value: 'team', label: "The owner's team" },
                { value: 'owner', label: 'The owner only' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('visibility')}
            />
          </SimpleGrid>
          <Divider label="Contact" labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
            <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
            <TextInput label="Phone" autoComplete="off" {...form.getInputProps('phone')} />
            <TextInput label="Website" placeholder="https://example.com" {...form.getInputProps('website')} />
            <TextInput
              label="LinkedIn"
              placeholder="https://www.linkedin.com/company/…"
              {...form.getInputProps('linkedin')}
            />
          </SimpleGrid>
          <Divider label="Address" labelPosition="left" />
          <TextInput label="Street" autoComplete="off" {...form.getInputProps('street')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
            <TextInput label="City" autoComplete="off" {...form.getInputProps('city')} />
            <TextInput
              label="Region"
              placeholder="State or province"
              autoComplete="off"
              {...form.getInputProps('region')}
            />
            <TextInput label="Postal code" autoComplete="off" {...form.getInputProps('postalCode')} />
            <Select
              label="Country"
              placeholder="Choose a country"
              data={countryOptions()}
              searchable
              clearable
              limit={50}
              value={form.values.country || null}
              onChange={(v) => form.setFieldValue('country', v ?? '')}
              error={form.errors.country}
            />
          </SimpleGrid>
          <Divider label="More" labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
            <TextInput label="Industry" autoComplete="off" {...form.getInputProps('industry')} />
            <TagsInput
              label="Tags"
              placeholder="Type and press Enter"
              data={options.data?.tags ?? []}
              clearable
              {...form.getInputProps('tags')}
            />
          </SimpleGrid>
          <Group gap="xl">
            <Switch
              label="Alumni partner"
              description="Has partnered with us before."
              {...form.getInputProps('isAlumni', { type: 'checkbox' })}
            />
            <Switch
              label="Also a customer"
              description="Buys from us as well."
              {...form.getInputProps('isCustomer', { type: 'checkbox' })}
            />
          </Group>
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
