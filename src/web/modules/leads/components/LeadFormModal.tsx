import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { LEAD_SOURCES, LEAD_STATUSES, type Lead } from '../../../../shared/leads.schema';
import { CURRENCIES } from '../../../../shared/money';
import { ApiError } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { MoneyInput, moneyFromInput, moneyToInput } from '../../../ui/MoneyInput';
import { useOwnerOptions } from '../../links/hooks';
import type { LeadInput } from '../api';
import { useSaveLead } from '../hooks';
import { LEAD_SOURCE_LABELS, LEAD_STATUS_LABELS } from '../labels';

type EditableStatus = Exclude<(typeof LEAD_STATUSES)[number], 'converted'>;

interface Values {
  name: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  source: (typeof LEAD_SOURCES)[number];
  status: EditableStatus;
  ownerId: string | null;
  campaign: string;
  estimatedValue: string;
  currency: string;
  notes: string;
}

const FIELDS = [
  'name',
  'company',
  'title',
  'email',
  'phone',
  'source',
  'status',
  'ownerId',
  'campaign',
  'estimatedValue',
  'currency',
  'notes',
] as const;

const sourceData = LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] }));
const statusData = LEAD_STATUSES.filter((s) => s !== 'converted').map((s) => ({
  value: s,
  label: LEAD_STATUS_LABELS[s],
}));

/** New or edit a lead the partner brought: who, from where, how far along, and what it may be worth. */
export function LeadFormModal({
  partnerId,
  lead,
  currency,
  opened,
  onClose,
  onSaved,
}: {
  partnerId: string;
  lead: Lead | null;
  currency: string;
  opened: boolean;
  onClose(): void;
  onSaved?(lead: Lead): void;
}) {
  const me = useUser();
  const save = useSaveLead();
  const owners = useOwnerOptions({ id: lead?.ownerId ?? null, name: lead?.ownerName ?? null });
  const initial: Values = {
    name: lead?.name ?? '',
    company: lead?.company ?? '',
    title: lead?.title ?? '',
    email: lead?.email ?? '',
    phone: lead?.phone ?? '',
    source: lead?.source ?? 'partner',
    status: lead && lead.status !== 'converted' ? lead.status : 'new',
    ownerId: lead ? lead.ownerId : me.id,
    campaign: lead?.campaign ?? '',
    estimatedValue: moneyToInput(lead?.estimatedValue, lead?.currency ?? currency),
    currency: lead?.currency ?? currency,
    notes: lead?.notes ?? '',
  };
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the name of the person or company'),
      email: (v) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      estimatedValue: (v, all) => {
        const m = moneyFromInput(v, all.currency);
        return m.ok ? null : m.message;
      },
    },
  });

  const submit = (v: Values) => {
    const money = moneyFromInput(v.estimatedValue, v.currency);
    const input: LeadInput = {
      name: v.name.trim(),
      company: v.company.trim(),
      title: v.title.trim(),
      email: v.email.trim(),
      phone: v.phone.trim(),
      source: v.source,
      status: v.status,
      ownerId: v.ownerId,
      campaign: v.campaign.trim(),
      estimatedValue: money.ok ? money.amount : null,
      currency: v.currency,
      notes: v.notes.trim(),
      ...(lead ? {} : { partnerId }),
    };
    save.mutate(
      { lead: lead ?? undefined, input },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: `Lead ${saved.name} is saved.` });
          onSaved?.(saved);
          onClose();
        },
        onError: (e) => applyServerErrors(form, e, FIELDS),
      },
    );
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const showAlert = save.isError && (conflict || Object.keys(form.errors).length === 0);
  return (
    <Modal opened={opened} onClose={onClose} title={lead ? `Edit lead ${lead.name}` : 'New lead'} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {showAlert && <ErrorAlert error={save.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Name" withAsterisk data-autofocus {...form.getInputProps('name')} />
            <TextInput label="Company" {...form.getInputProps('company')} />
            <TextInput label="Job title" {...form.getInputProps('title')} />
            <TextInput label="Email" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" {...form.getInputProps('phone')} />
            <Select
              label="Source"
              data={sourceData}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('source')}
            />
            <Select
              label="Status"
              data={statusData}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('status')}
            />
            <Select
              label="Owner"
              data={owners}
              searchable
              clearable
              placeholder="Nobody"
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('ownerId')}
            />
            <TextInput
              label="Campaign"
              placeholder="e.g. Spring webinar"
              {...form.getInputProps('campaign')}
            />
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <MoneyInput
                label="Estimated value"
                currency={form.values.currency}
                style={{ flex: 1 }}
                {...form.getInputProps('estimatedValue')}
              />
              <Select
                label="Currency"
                w={96}
                data={[...CURRENCIES]}
                allowDeselect={false}
                searchable
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps('currency')}
              />
            </Group>
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              {lead ? 'Save changes' : 'Save lead'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
