import '@mantine/dates/styles.css';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { CURRENCIES } from '../../../../shared/money';
import { ApiError } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { MoneyInput, moneyFromInput, moneyToInput } from '../../../ui/MoneyInput';
import { AccountSelect } from '../../accounts/components/AccountSelect';
import { useOwnerOptions } from '../../links/hooks';
import type { Opportunity, OpportunityInput } from '../api';
import { useSaveOpportunity, useStages } from '../hooks';

interface Values {
  name: string;
  amount: string;
  currency: string;
  stageId: string | null;
  probability: number | string;
  expectedCloseDate: string | null;
  ownerId: string | null;
  accountId: string | null;
  lostReason: string;
  description: string;
}

const FIELDS = [
  'name',
  'amount',
  'currency',
  'stageId',
  'probability',
  'expectedCloseDate',
  'ownerId',
  'accountId',
  'lostReason',
  'description',
] as const;

/** New or edit a deal of the partner: amount, stage (probability follows it unless typed), expected close. */
export function OpportunityFormModal({
  partnerId,
  deal,
  currency,
  opened,
  onClose,
  onSaved,
}: {
  partnerId: string;
  deal: Opportunity | null;
  currency: string;
  opened: boolean;
  onClose(): void;
  onSaved?(deal: Opportunity): void;
}) {
  const me = useUser();
  const save = useSaveOpportunity();
  const stages = useStages();
  const owners = useOwnerOptions({ id: deal?.ownerId ?? null, name: deal?.ownerName ?? null });
  const form = useForm<Values>({
    initialValues: {
      name: deal?.name ?? '',
      amount: moneyToInput(deal?.amount, deal?.currency ?? currency),
      currency: deal?.currency ?? currency,
      stageId: deal?.stageId ?? null,
      probability: deal?.probability ?? '',
      expectedCloseDate: deal?.expectedCloseDate ?? null,
      ownerId: deal ? deal.ownerId : me.id,
      accountId: deal?.accountId ?? null,
      lostReason: deal?.lostReason ?? '',
      description: deal?.description ?? '',
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name for the deal'),
      amount: (v, all) => {
        const m = moneyFromInput(v, all.currency);
        return m.ok ? null : m.message;
      },
      probability: (v) =>
        v === '' || (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 100)
          ? null
          : 'Enter a whole number from 0 to 100',
      lostReason: (v, all) =>
        stages.data?.find((s) => s.id === all.stageId)?.outcome === 'lost' && !v.trim()
          ? 'Say why the deal was lost'
          : null,
    },
  });
  const stageList = stages.data ?? [];
  // A new deal starts in the first open stage, as the server would put it.
  const stageId = form.values.stageId ?? stageList.find((s) => s.outcome === 'open')?.id ?? null;
  const stage = stageList.find((s) => s.id === stageId);

  const submit = (v: Values) => {
    const money = moneyFromInput(v.amount, v.currency);
    const input: OpportunityInput = {
      name: v.name.trim(),
      amount: money.ok ? (money.amount ?? 0) : 0,
      currency: v.currency,
      ...(stageId ? { stageId } : {}),
      ...(v.probability !== '' ? { probability: Number(v.probability) } : {}),
      expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.slice(0, 10) : null,
      ownerId: v.ownerId,
      accountId: v.accountId,
      lostReason: stage?.outcome === 'lost' ? v.lostReason.trim() : '',
      description: v.description.trim(),
      ...(deal ? {} : { partnerId }),
    };
    save.mutate(
      { deal: deal ?? undefined, input },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: `Opportunity ${saved.name} is saved.` });
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
    <Modal
      opened={opened}
      onClose={onClose}
      title={deal ? `Edit opportunity ${deal.name}` : 'New opportunity'}
      size="lg"
    >
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          {showAlert && <ErrorAlert error={save.error} />}
          <TextInput
            label="Name"
            withAsterisk
            placeholder="e.g. Platform rollout"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <MoneyInput
                label="Amount"
                currency={form.values.currency}
                style={{ flex: 1 }}
                {...form.getInputProps('amount')}
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
            <Select
              label="Stage"
              data={stageList.map((s) => ({ value: s.id, label: `${s.name} (${s.probability}%)` }))}
              value={stageId}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              error={form.errors.stageId}
              onChange={(id) => {
                form.setFieldValue('stageId', id);
                // The probability follows the stage; a typed one is replaced too, as on the board.
                const next = stageList.find((s) => s.id === id);
                if (next) form.setFieldValue('probability', next.probability);
              }}
            />
            <NumberInput
              label="Probability"
              suffix=" %"
              min={0}
              max={100}
              allowDecimal={false}
              placeholder={stage ? `${stage.probability} % (the stage's)` : undefined}
              {...form.getInputProps('probability')}
            />
            <DateInput
              label="Expected close"
              placeholder="Not set"
              valueFormat="YYYY-MM-DD"
              clearable
              popoverProps={{ withinPortal: true }}
              {...form.getInputProps('expectedCloseDate')}
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
            <AccountSelect
              label="Customer account"
              placeholder="Search accounts"
              value={form.values.accountId}
              initialName={deal?.accountName}
              onChange={(id) => form.setFieldValue('accountId', id)}
              error={form.errors.accountId}
            />
          </SimpleGrid>
          {stage?.outcome === 'lost' && (
            <TextInput label="Lost reason" withAsterisk {...form.getInputProps('lostReason')} />
          )}
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('description')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              {deal ? 'Save changes' : 'Save opportunity'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
