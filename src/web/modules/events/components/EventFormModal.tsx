/** Create or edit an event: name, year, goal, dates, notes and its package tier presets (reference §3.2). */
import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Group,
  Input,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { EVENT_LIMITS, eventDateProblems } from '../../../../shared/events.schema';
import { slugify } from '../../../../shared/partnerships/statuses';
import { ApiError, fieldMessages } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { MoneyInput, moneyFromInput, moneyToInput } from '../../../ui/MoneyInput';
import { useSettings } from '../../settings/hooks';
import { eventsApi, type EventInput, type PartnershipEvent, type TierValue } from '../api';
import { useSaveEvent } from '../hooks';

interface TierRow {
  /** The stored key, so renaming a tier keeps the links that use it. */
  key?: string;
  label: string;
  amount: string;
}

interface Values {
  name: string;
  year: number | string;
  goal: string;
  outreachStart: string | null;
  startDate: string | null;
  endDate: string | null;
  notes: string;
  tiers: TierRow[];
}

function valuesOf(e: PartnershipEvent | null, currency: string, year: number): Values {
  return {
    name: e?.name ?? '',
    year: e?.year ?? year,
    goal: e ? moneyToInput(e.goal, e.currency) : '',
    outreachStart: e?.outreachStart ?? null,
    startDate: e?.startDate ?? null,
    endDate: e?.endDate ?? null,
    notes: e?.notes ?? '',
    tiers: (e?.tiers ?? []).map((t) => ({
      key: t.key,
      label: t.label,
      amount: moneyToInput(t.defaultAmount, e?.currency ?? currency),
    })),
  };
}

const SIMPLE_FIELDS = ['name', 'year', 'goal', 'outreachStart', 'startDate', 'endDate', 'notes'] as const;

/** The client checks of reference §3.2: blank rows dropped, amount without label, duplicates, bad amounts. */
function checkTiers(
  rows: TierRow[],
  currency: string,
): { tiers: TierValue[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const tiers: TierValue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const label = row.label.trim();
    if (!label && !row.amount.trim()) return;
    const amount = moneyFromInput(row.amount, currency);
    if (!amount.ok) errors[`tiers.${i}.amount`] = amount.message;
    if (!label) {
      errors[`tiers.${i}.label`] = 'Name the tier that has this amount';
      return;
    }
    const slug = slugify(label, EVENT_LIMITS.tierKey);
    if (!slug) errors[`tiers.${i}.label`] = 'Use at least one letter or digit';
    else if (seen.has(slug)) errors[`tiers.${i}.label`] = `Same name as tier ${seen.get(slug)! + 1}`;
    else seen.set(slug, i);
    tiers.push({
      ...(row.key ? { key: row.key } : {}),
      label,
      defaultAmount: amount.ok ? amount.amount : null,
    });
  });
  return { tiers, errors };
}

function EventForm({
  event,
  onClose,
  onSaved,
}: {
  event: PartnershipEvent | null;
  onClose(): void;
  onSaved?(e: PartnershipEvent): void;
}) {
  const settings = useSettings();
  const currency = event?.currency ?? settings.data?.baseCurrency ?? 'CAD';
  const [version, setVersion] = useState(event?.version ?? 1);
  const [base, setBase] = useState(() => valuesOf(event, currency, new Date().getFullYear()));
  const form = useForm<Values>({ initialValues: base });
  const save = useSaveEvent();
  const v = form.getValues();

  const reload = async () => {
    if (!event) return;
    const fresh = await eventsApi.get(event.id);
    const values = valuesOf(fresh, currency, fresh.year);
    setBase(values);
    setVersion(fresh.version);
    form.setValues(values);
    form.resetDirty(values);
    save.reset();
  };

  const submit = (values: Values) => {
    const errors: Record<string, string> = {};
    if (!values.name.trim()) errors.name = 'Name the event';
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) errors.year = 'Enter a year from 2000 to 2100';
    const goal = moneyFromInput(values.goal, currency);
    if (!goal.ok) errors.goal = goal.message;
    const dates = {
      outreachStart: values.outreachStart || null,
      startDate: values.startDate || null,
      endDate: values.endDate || null,
    };
    for (const [k, m] of Object.entries(eventDateProblems(dates)))
      errors[k] = m.charAt(0).toUpperCase() + m.slice(1);
    const tiers = checkTiers(values.tiers, currency);
    Object.assign(errors, tiers.errors);
    if (Object.keys(errors).length || !goal.ok) {
      form.setErrors(errors);
      return;
    }
    const full: EventInput = {
      name: values.name.trim(),
      year,
      goal: goal.amount,
      ...dates,
      notes: values.notes.trim(),
      tiers: tiers.tiers,
    };
    const input = event
      ? {
          ...Object.fromEntries(
            SIMPLE_FIELDS.filter((k) => String(values[k] ?? '') !== String(base[k] ?? '')).map((k) => [
              k,
              full[k],
            ]),
          ),
          ...(JSON.stringify(values.tiers) !== JSON.stringify(base.tiers) ? { tiers: full.tiers } : {}),
        }
      : full;
    if (event && Object.keys(input).length === 0) {
      onClose();
      return;
    }
    save.mutate(
      { id: event?.id, version, input },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: event ? `${saved.name} is saved.` : `${saved.name} is created.`,
          });
          onSaved?.(saved);
          onClose();
        },
        onError: (e) => {
          const fields = fieldMessages(e);
          const mine: Record<string, string> = {};
          for (const [k, m] of Object.entries(fields)) {
            const tier = /^tiers\.(\d+)\.(key|label|defaultAmount)$/.exec(k);
            if (tier) mine[`tiers.${tier[1]}.${tier[2] === 'defaultAmount' ? 'amount' : 'label'}`] = m;
            else if (k === 'tiers') mine['tiersList'] = m;
            else if ((SIMPLE_FIELDS as readonly string[]).includes(k)) mine[k] = m;
          }
          form.setErrors(mine);
        },
      },
    );
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const showAlert = save.isError && (conflict || Object.keys(form.errors).length === 0);
  const tierListError = form.errors.tiersList;

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        {showAlert && <ErrorAlert error={save.error} onReload={() => void reload()} />}
        <Group gap="md" align="flex-start" wrap="nowrap">
          <TextInput
            label="Name"
            placeholder="e.g. Innovation Summit 2027"
            withAsterisk
            data-autofocus
            maxLength={EVENT_LIMITS.name}
            style={{ flex: 1, minWidth: 0 }}
            {...form.getInputProps('name')}
          />
          <NumberInput
            label="Year"
            withAsterisk
            min={2000}
            max={2100}
            allowDecimal={false}
            thousandSeparator=""
            w={110}
            {...form.getInputProps('year')}
          />
        </Group>
        <MoneyInput
          label="Sponsorship goal"
          description="What the event should raise; progress is secured (confirmed + paid) against it."
          placeholder="No goal"
          currency={currency}
          {...form.getInputProps('goal')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {(
            [
              ['outreachStart', 'Outreach starts'],
              ['startDate', 'Event starts'],
              ['endDate', 'Event ends'],
            ] as const
          ).map(([field, label]) => (
            <DateInput
              key={field}
              label={label}
              placeholder="Not set"
              valueFormat="YYYY-MM-DD"
              clearable
              popoverProps={{ withinPortal: true }}
              {...form.getInputProps(field)}
            />
          ))}
        </SimpleGrid>
        <Input.Wrapper
          label="Package tiers"
          description="Presets for this event's links; choosing one on a link fills in its default amount."
          error={tierListError}
        >
          <Stack gap="xs" mt={6} data-testid="tier-rows">
            {v.tiers.map((_row, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  placeholder="Tier name, e.g. Gold"
                  aria-label={`Tier ${i + 1} name`}
                  maxLength={EVENT_LIMITS.tierLabel}
                  style={{ flex: 3 }}
                  {...form.getInputProps(`tiers.${i}.label`)}
                />
                <MoneyInput
                  placeholder="No default"
                  aria-label={`Tier ${i + 1} default amount`}
                  currency={currency}
                  style={{ flex: 2 }}
                  {...form.getInputProps(`tiers.${i}.amount`)}
                />
                <Tooltip label="Remove this tier">
                  <ActionIcon
                    size="lg"
                    mt={1}
                    aria-label={`Remove tier ${i + 1}`}
                    onClick={() => form.removeListItem('tiers', i)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            ))}
            {v.tiers.length === 0 && (
              <Text size="sm" c="dimmed">
                No tiers: links can still have any amount.
              </Text>
            )}
            {v.tiers.length < EVENT_LIMITS.tiers && (
              <Button
                variant="light"
                size="xs"
                w="fit-content"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.insertListItem('tiers', { label: '', amount: '' })}
              >
                Add tier
              </Button>
            )}
          </Stack>
        </Input.Wrapper>
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={EVENT_LIMITS.notes}
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {event ? 'Save changes' : 'Create event'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EventFormModal({
  event,
  opened,
  onClose,
  onSaved,
}: {
  event: PartnershipEvent | null;
  opened: boolean;
  onClose(): void;
  onSaved?(e: PartnershipEvent): void;
}) {
  const phone = useMediaQuery('(max-width: 30em)');
  const [session, setSession] = useState(0);
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setSession((s) => s + 1);
  }
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text component="span" fw={650}>
          {event ? `Edit ${event.name}` : 'New event'}
        </Text>
      }
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
      fullScreen={phone}
    >
      <EventForm key={`${session}:${event?.id ?? 'new'}`} event={event} onClose={onClose} onSaved={onSaved} />
    </Modal>
  );
}
