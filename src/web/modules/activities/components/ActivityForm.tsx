import '@mantine/dates/styles.css';
import {
  Autocomplete,
  Button,
  Center,
  Grid,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { ACTIVITY_TYPES } from '../../../../shared/activities.schema';
import { ApiError } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { useOwnerOptions } from '../../links/hooks';
import type { Activity, ActivityInput } from '../api';
import { useSaveActivity } from '../hooks';
import { ACTIVITY_TYPE_META } from '../labels';
import classes from './ActivityForm.module.css';

const LOCAL = 'YYYY-MM-DD HH:mm:ss';
const OUTCOMES = ['Positive', 'Next step agreed', 'Needs follow-up', 'No answer', 'Not interested'];

interface Values {
  type: (typeof ACTIVITY_TYPES)[number];
  subject: string;
  occurredAt: string | null;
  durationMinutes: number | string;
  outcome: string;
  ownerId: string | null;
  body: string;
}

const FIELDS = ['type', 'subject', 'occurredAt', 'durationMinutes', 'outcome', 'ownerId', 'body'] as const;

const typeData = ACTIVITY_TYPES.map((t) => {
  const { label, icon: Icon } = ACTIVITY_TYPE_META[t];
  return {
    value: t,
    label: (
      <Center style={{ gap: 6 }}>
        <Icon size={15} />
        <span className={classes.typeLabel}>{label}</span>
      </Center>
    ),
  };
});

/**
 * Log a sales activity, or edit one where it stands in the list (the row turns into this form). Calls and
 * meetings take a duration; every type an outcome.
 */
export function ActivityForm({
  partnerId,
  activity,
  onDone,
}: {
  partnerId: string;
  activity: Activity | null;
  onDone(saved: Activity | null): void;
}) {
  const me = useUser();
  const save = useSaveActivity();
  const owners = useOwnerOptions({ id: activity?.ownerId ?? null, name: activity?.ownerName ?? null });
  const form = useForm<Values>({
    initialValues: {
      type: activity?.type ?? 'call',
      subject: activity?.subject ?? '',
      occurredAt: dayjs(activity?.occurredAt ?? undefined).format(LOCAL),
      durationMinutes: activity?.durationMinutes ?? '',
      outcome: activity?.outcome ?? '',
      ownerId: activity ? activity.ownerId : me.id,
      body: activity?.body ?? '',
    },
    validate: {
      subject: (v) => (v.trim() ? null : 'Enter a subject'),
      occurredAt: (v) => (v ? null : 'Enter when it happened'),
      durationMinutes: (v) =>
        v === '' || (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 1440)
          ? null
          : 'Enter minutes from 0 to 1440',
    },
  });

  const submit = (v: Values) => {
    const input: ActivityInput = {
      type: v.type,
      subject: v.subject.trim(),
      occurredAt: new Date(v.occurredAt!.replace(' ', 'T')).toISOString(),
      durationMinutes: v.durationMinutes === '' ? null : Number(v.durationMinutes),
      outcome: v.outcome.trim(),
      ownerId: v.ownerId,
      body: v.body.trim(),
      ...(activity ? {} : { partnerId }),
    };
    save.mutate(
      { activity: activity ?? undefined, input },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: `${ACTIVITY_TYPE_META[saved.type].label} “${saved.subject}” is ${activity ? 'saved' : 'logged'}.`,
          });
          if (!activity) form.reset();
          onDone(saved);
        },
        onError: (e) => applyServerErrors(form, e, FIELDS),
      },
    );
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const showAlert = save.isError && (conflict || Object.keys(form.errors).length === 0);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="form"
      onSubmit={form.onSubmit(submit)}
      noValidate
      aria-label={activity ? `Edit ${activity.subject}` : 'Log a sales activity'}
      data-testid={activity ? 'activity-edit-form' : 'activity-form'}
      bg={activity ? 'var(--mantine-color-default-hover)' : undefined}
    >
      <Stack gap="sm">
        {!activity && (
          <Text fw={650} size="sm">
            Log a sales activity
          </Text>
        )}
        {showAlert && <ErrorAlert error={save.error} />}
        <SegmentedControl
          data={typeData}
          aria-label="Type"
          fullWidth
          {...form.getInputProps('type')}
          style={{ maxWidth: 560 }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label="Subject"
            withAsterisk
            placeholder="e.g. Discovery call"
            data-autofocus
            {...form.getInputProps('subject')}
          />
          <DateTimePicker
            label="When"
            valueFormat="YYYY-MM-DD HH:mm"
            popoverProps={{ withinPortal: true }}
            {...form.getInputProps('occurredAt')}
          />
          <NumberInput
            label="Duration"
            suffix=" min"
            min={0}
            max={1440}
            step={15}
            allowDecimal={false}
            placeholder="—"
            {...form.getInputProps('durationMinutes')}
          />
          <Autocomplete
            label="Outcome"
            data={OUTCOMES}
            placeholder="e.g. Next step agreed"
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('outcome')}
          />
        </SimpleGrid>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6, lg: 9 }}>
            <Textarea label="Notes" autosize minRows={1} maxRows={6} {...form.getInputProps('body')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <Select
              label="Owner"
              data={owners}
              searchable
              clearable
              placeholder="Nobody"
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('ownerId')}
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" gap="xs">
          {(activity || form.isDirty()) && (
            <Button
              variant="default"
              onClick={() => {
                form.reset();
                onDone(null);
              }}
            >
              Cancel
            </Button>
          )}
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {activity ? 'Save' : 'Add activity'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
