import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  Button,
  ColorSwatch,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { LINK_LIMITS, type Link } from '../../../../shared/links.schema';
import { formatMoney } from '../../../../shared/money';
import {
  DEFAULT_STATUS,
  isCanonical,
  labelFromSlug,
  ROLE_SUGGESTIONS,
  slugify,
  statusOptions,
} from '../../../../shared/partnerships/statuses';
import { can } from '../../../../shared/permissions';
import { ApiError, errorMessage, fieldMessages } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { MoneyInput, moneyFromInput, moneyToInput } from '../../../ui/MoneyInput';
import { EventSelect } from '../../events/components/EventSelect';
import { useEventList } from '../../events/hooks';
import { useSettings } from '../../settings/hooks';
import { linksApi, type LinkInput } from '../api';
import { useDeleteLink, useOwnerOptions, usePartnerContacts, useSaveLink, useTakenInLinks } from '../hooks';
import { statusColor } from '../status';
import { PartnerSelect } from './PartnerSelect';

const CUSTOM = '__custom';

interface Values {
  partnerId: string | null;
  eventId: string | null;
  status: string;
  customStatus: string;
  packageTier: string | null;
  role: string;
  amount: string;
  followUpDate: string | null;
  contactId: string | null;
  ownerId: string | null;
  notes: string;
}

function valuesOf(link: Link | null, partnerId: string | null, eventId: string | null, me: string): Values {
  const status = link?.status ?? DEFAULT_STATUS;
  return {
    partnerId: link?.organizationId ?? partnerId,
    eventId: link?.eventId ?? eventId,
    status: isCanonical(status) ? status : CUSTOM,
    customStatus: isCanonical(status) ? '' : labelFromSlug(status),
    packageTier: link?.packageTier || null,
    role: link?.role ?? '',
    amount: link ? moneyToInput(link.amount, link.currency) : '',
    followUpDate: link?.followUpDate ?? null,
    contactId: link?.contactId ?? null,
    ownerId: link ? link.ownerId : me,
    notes: link?.notes ?? '',
  };
}

/** Server field → form field. */
const FIELD_OF: Record<string, keyof Values> = {
  organizationId: 'partnerId',
  eventId: 'eventId',
  status: 'status',
  packageTier: 'packageTier',
  role: 'role',
  amount: 'amount',
  followUpDate: 'followUpDate',
  contactId: 'contactId',
  ownerId: 'ownerId',
  notes: 'notes',
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

interface Props {
  link: Link | null;
  partnerId?: string;
  eventId?: string;
  onCancel(): void;
  onSaved(link: Link): void;
  onOpenExisting(link: Link): void;
}

export function LinkForm({ link, partnerId, eventId, onCancel, onSaved, onOpenExisting }: Props) {
  const me = useUser();
  const [base] = useState(() => valuesOf(link, partnerId ?? null, eventId ?? null, me.id));
  const form = useForm<Values>({ initialValues: base });
  const save = useSaveLink();
  const remove = useDeleteLink();
  const [opening, setOpening] = useState(false);
  const settings = useSettings();
  const events = useEventList();

  const v = form.getValues();
  const chosenPartner = link?.organizationId ?? partnerId ?? v.partnerId;
  const chosenEvent = link?.eventId ?? eventId ?? v.eventId;
  const event = events.data?.items.find((e) => e.id === chosenEvent);
  const currency = link?.currency ?? event?.currency ?? settings.data?.baseCurrency ?? 'CAD';
  const tiers = event?.tiers ?? [];
  const contacts = usePartnerContacts(chosenPartner);
  const owners = useOwnerOptions({ id: link?.ownerId ?? null, name: link?.ownerName ?? null });
  const mayDelete = can(me.permissions, 'links.delete');
  // Without the permission the form still shows every field, read-only.
  const maySave = can(me.permissions, link ? 'links.edit' : 'links.create');
  const taken = useTakenInLinks({ partnerId, eventId }, !link);

  const statusData = [
    ...statusOptions([]).map((o) => ({ value: o.key, label: o.label })),
    { value: CUSTOM, label: 'Other / custom…' },
  ];
  const tierData = tiers.map((t) => ({
    value: t.key,
    label: `${t.label} · ${t.defaultAmount === null ? '(No default)' : formatMoney(t.defaultAmount, currency)}`,
  }));
  if (v.packageTier && !tiers.some((t) => t.key === v.packageTier))
    tierData.push({ value: v.packageTier, label: `${labelFromSlug(v.packageTier)} (not a preset)` });

  const contactData = (contacts.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.title ? `${c.name} · ${c.title}` : c.name,
  }));
  if (link?.contactId && !contactData.some((c) => c.value === link.contactId))
    contactData.push({ value: link.contactId, label: link.contactName ?? 'Current contact' });

  const duplicate = save.error instanceof ApiError && save.error.code === 'duplicate_link';
  const existingId = duplicate
    ? (UUID.exec(Object.values((save.error as ApiError).fields).join(' '))?.[0] ??
      UUID.exec((save.error as ApiError).message)?.[0])
    : undefined;

  const openExisting = async () => {
    if (!existingId) return;
    setOpening(true);
    try {
      onOpenExisting(await linksApi.get(existingId));
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not open the link', message: errorMessage(e) });
    } finally {
      setOpening(false);
    }
  };

  /** After a version conflict: the link as it is now, in a fresh form. */
  const reload = async () => {
    if (!link) return;
    try {
      onOpenExisting(await linksApi.get(link.id));
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not reload', message: errorMessage(e) });
    }
  };

  const chooseTier = (key: string | null) => {
    form.setFieldValue('packageTier', key);
    // Reference §3.3: a preset fills the amount with its default.
    const tier = tiers.find((t) => t.key === key);
    if (tier) form.setFieldValue('amount', moneyToInput(tier.defaultAmount, currency));
  };

  const submit = (values: Values) => {
    const errors: Record<string, string> = {};
    if (!link && !partnerId && !values.partnerId) errors.partnerId = 'Choose a partner';
    if (!link && !eventId && !values.eventId) errors.eventId = 'Choose an event';
    const status = values.status === CUSTOM ? values.customStatus.trim() : values.status;
    if (values.status === CUSTOM && !slugify(status))
      errors.customStatus = 'Type a status with letters or digits';
    const amount = moneyFromInput(values.amount, currency);
    if (!amount.ok) errors.amount = amount.message;
    if (Object.keys(errors).length || !amount.ok) {
      form.setErrors(errors);
      return;
    }
    const input: LinkInput = {};
    const changed = <K extends keyof Values>(k: K) => !link || values[k] !== base[k];
    const statusBefore = base.status === CUSTOM ? base.customStatus.trim() : base.status;
    if (!link || status !== statusBefore) input.status = status;
    if (changed('packageTier')) input.packageTier = values.packageTier ?? '';
    if (changed('role')) input.role = values.role.trim();
    // A new tier without an amount would reset it on the server: always send the amount the form shows then.
    if (link ? changed('amount') || changed('packageTier') : amount.amount !== null)
      input.amount = amount.amount;
    if (changed('followUpDate')) input.followUpDate = values.followUpDate || null;
    if (changed('contactId')) input.contactId = values.contactId;
    if (changed('ownerId')) input.ownerId = values.ownerId;
    if (changed('notes')) input.notes = values.notes.trim();
    if (link && Object.keys(input).length === 0) {
      onCancel();
      return;
    }
    save.mutate(
      {
        link: link ?? undefined,
        create: link
          ? undefined
          : { organizationId: (partnerId ?? values.partnerId)!, eventId: (eventId ?? values.eventId)! },
        input,
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: link
              ? `${saved.partnerName} · ${saved.eventName} is saved.`
              : `${saved.partnerName} is now part of ${saved.eventName} (${saved.statusLabel}).`,
          });
          onSaved(saved);
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'duplicate_link') return;
          const fields = fieldMessages(e);
          const mapped: Record<string, string> = {};
          for (const [k, msg] of Object.entries(fields)) {
            const f = FIELD_OF[k];
            if (!f) continue;
            mapped[f === 'status' && values.status === CUSTOM ? 'customStatus' : f] = msg;
          }
          form.setErrors(mapped);
        },
      },
    );
  };

  const confirmDelete = () => {
    if (!link) return;
    modals.openConfirmModal({
      title: `Remove ${link.partnerName} from ${link.eventName}?`,
      children: (
        <Text size="sm">
          The link, its status, amount and follow-up are deleted. Communications and documents stay with the
          partner.
        </Text>
      ),
      labels: { confirm: 'Delete link', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(link.id, {
          onSuccess: () => {
            notifications.show({ message: `${link.partnerName} is removed from ${link.eventName}.` });
            onCancel();
          },
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const fieldErrorShown = Object.keys(form.errors).length > 0;

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <fieldset disabled={!maySave} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          {duplicate ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title="Already linked"
            >
              <Text size="sm">{errorMessage(save.error)}</Text>
              {existingId && (
                <Button
                  size="xs"
                  mt="sm"
                  variant="white"
                  color="orange"
                  loading={opening}
                  onClick={openExisting}
                >
                  Open the existing link
                </Button>
              )}
            </Alert>
          ) : (
            save.isError &&
            (conflict || !fieldErrorShown) && <ErrorAlert error={save.error} onReload={() => void reload()} />
          )}
          {!link && (!partnerId || !eventId) && (
            <SimpleGrid cols={{ base: 1, sm: partnerId || eventId ? 1 : 2 }}>
              {!partnerId && (
                <PartnerSelect
                  value={v.partnerId}
                  onChange={(id) => {
                    form.setFieldValue('partnerId', id);
                    form.setFieldValue('contactId', null);
                    save.reset();
                  }}
                  error={form.errors.partnerId}
                  unavailable={taken}
                  withAsterisk
                  data-autofocus
                />
              )}
              {!eventId && (
                <EventSelect
                  value={v.eventId}
                  onChange={(id) => {
                    form.setFieldValue('eventId', id);
                    form.setFieldValue('packageTier', null);
                    save.reset();
                  }}
                  error={form.errors.eventId}
                  unavailable={partnerId ? taken : undefined}
                  withAsterisk
                />
              )}
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Stack gap="xs">
              <Select
                label="Status"
                data={statusData}
                allowDeselect={false}
                renderOption={({ option }) => (
                  <Group gap={8} wrap="nowrap">
                    <ColorSwatch
                      size={10}
                      color={
                        option.value === CUSTOM
                          ? 'transparent'
                          : `var(--mantine-color-${statusColor(option.value)}-6)`
                      }
                      withShadow={false}
                    />
                    <Text size="sm">{option.label}</Text>
                  </Group>
                )}
                {...form.getInputProps('status')}
              />
              {v.status === CUSTOM && (
                <TextInput
                  aria-label="Custom status"
                  placeholder="Type the status, e.g. Awaiting legal"
                  maxLength={LINK_LIMITS.status}
                  data-autofocus
                  {...form.getInputProps('customStatus')}
                />
              )}
            </Stack>
            <Autocomplete
              label="Role"
              placeholder="Sponsor, Judge, Mentor…"
              data={[...ROLE_SUGGESTIONS]}
              maxLength={LINK_LIMITS.role}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('role')}
            />
            <Select
              label="Package tier"
              placeholder={
                chosenEvent
                  ? tiers.length
                    ? 'No tier'
                    : 'This event has no tier presets'
                  : 'Choose the event first'
              }
              data={tierData}
              clearable={maySave}
              disabled={!chosenEvent}
              value={v.packageTier}
              onChange={chooseTier}
              error={form.errors.packageTier}
            />
            <MoneyInput
              label="Amount"
              currency={currency}
              placeholder={link ? 'No amount' : "Empty: the tier's default"}
              {...form.getInputProps('amount')}
            />
            <DateInput
              label="Follow-up date"
              placeholder="No follow-up"
              valueFormat="YYYY-MM-DD"
              clearable={maySave}
              popoverProps={{ withinPortal: true }}
              {...form.getInputProps('followUpDate')}
            />
            <Select
              label="Contact"
              placeholder={
                !chosenPartner
                  ? 'Choose the partner first'
                  : contacts.isPending && contacts.fetchStatus !== 'idle'
                    ? 'Loading people…'
                    : contactData.length
                      ? 'No contact'
                      : 'This partner has no people yet'
              }
              data={contactData}
              clearable={maySave}
              searchable
              disabled={!chosenPartner}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('contactId')}
            />
            <Select
              label="Owner"
              placeholder="No owner"
              data={owners}
              clearable={maySave}
              searchable
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('ownerId')}
            />
          </SimpleGrid>
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={LINK_LIMITS.notes}
            {...form.getInputProps('notes')}
          />
          <Group justify="space-between" gap="xs">
            {link && mayDelete ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={confirmDelete}
                loading={remove.isPending}
              >
                Delete link
              </Button>
            ) : (
              <span />
            )}
            {maySave && (
              <Group gap="xs">
                <Button variant="default" onClick={onCancel}>
                  Cancel
                </Button>
                <Button type="submit" loading={save.isPending} disabled={conflict}>
                  {link ? 'Save changes' : 'Add to event'}
                </Button>
              </Group>
            )}
          </Group>
        </Stack>
      </fieldset>
    </form>
  );
}
