import '@mantine/dates/styles.css';
import { useState } from 'react';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { formatMoney } from '../../../../shared/money';
import { can } from '../../../../shared/permissions';
import { ApiError, fieldMessages } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { MoneyInput, moneyFromInput, moneyToInput } from '../../../ui/MoneyInput';
import { AccountSelect } from '../../accounts/components/AccountSelect';
import { useStages } from '../../opportunities/hooks';
import type { Lead } from '../api';
import { useConvertLead } from '../hooks';

type AccountChoice = 'none' | 'new' | 'existing';

/**
 * Converting a lead: always an opportunity (name, amount, stage, expected close), optionally an account
 * (a new one named after the lead's company, or one that exists) and the lead's person there.
 */
export function ConvertLeadModal({
  lead,
  opened,
  onClose,
  onConverted,
}: {
  lead: Lead;
  opened: boolean;
  onClose(): void;
  onConverted?(): void;
}) {
  const me = useUser();
  const convert = useConvertLead();
  const stages = useStages();
  const openStages = (stages.data ?? []).filter((s) => s.outcome === 'open');
  const [name, setName] = useState(lead.company ? `${lead.company} — ${lead.name}` : lead.name);
  const [amount, setAmount] = useState(moneyToInput(lead.estimatedValue, lead.currency));
  const [stageId, setStageId] = useState<string | null>(null);
  const [close, setClose] = useState<string | null>(null);
  const [choice, setChoice] = useState<AccountChoice>(
    lead.company && can(me.permissions, 'accounts.create') ? 'new' : 'none',
  );
  const [accountId, setAccountId] = useState<string | null>(null);
  const [createContact, setCreateContact] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    const money = moneyFromInput(amount, lead.currency);
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Enter a name for the opportunity';
    if (!money.ok) problems.amount = money.message;
    if (choice === 'existing' && !accountId) problems.accountId = 'Choose the account';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const withAccount = choice !== 'none';
    convert.mutate(
      {
        lead,
        input: {
          opportunity: {
            name: name.trim(),
            ...(money.ok && money.amount !== null ? { amount: money.amount } : {}),
            ...(stageId ? { stageId } : {}),
            expectedCloseDate: close ? close.slice(0, 10) : null,
          },
          ...(choice === 'existing' && accountId ? { accountId } : {}),
          createAccount: choice === 'new',
          createContact: withAccount && createContact,
        },
      },
      {
        onSuccess: (r) => {
          notifications.show({
            color: 'teal',
            title: `${lead.name} is converted`,
            message: `Opportunity “${r.opportunity.name}” created on ${formatDate(r.lead.convertedAt)}.`,
          });
          onConverted?.();
          onClose();
        },
        onError: (e) => {
          const f = fieldMessages(e);
          setErrors({
            name: f['opportunity.name'] ?? '',
            amount: f['opportunity.amount'] ?? '',
            expectedCloseDate: f['opportunity.expectedCloseDate'] ?? '',
            accountId: f.accountId ?? f.createAccount ?? '',
            createContact: f.createContact ?? '',
          });
        },
      },
    );
  };

  const fieldErrorShown = Object.values(errors).some(Boolean);
  const conflict = convert.error instanceof ApiError && convert.error.isConflict;
  return (
    <Modal opened={opened} onClose={onClose} title={`Convert lead ${lead.name}`} size="lg">
      <Stack gap="md">
        {convert.isError && (conflict || !fieldErrorShown) && <ErrorAlert error={convert.error} />}
        <Text size="sm" c="dimmed">
          Converting creates an opportunity for this partner and marks the lead as converted today. The lead
          itself no longer changes afterwards.
        </Text>
        <TextInput
          label="Opportunity name"
          withAsterisk
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name || undefined}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <MoneyInput
            label="Amount"
            currency={lead.currency}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amount || undefined}
            description={
              lead.estimatedValue !== null
                ? `Estimated ${formatMoney(lead.estimatedValue, lead.currency)}`
                : undefined
            }
          />
          <Select
            label="Stage"
            placeholder={openStages[0] ? `${openStages[0].name} (first stage)` : 'First stage'}
            data={openStages.map((s) => ({ value: s.id, label: `${s.name} (${s.probability}%)` }))}
            value={stageId}
            onChange={setStageId}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <DateInput
            label="Expected close"
            placeholder="Not set"
            valueFormat="YYYY-MM-DD"
            clearable
            value={close}
            onChange={setClose}
            error={errors.expectedCloseDate || undefined}
            popoverProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <Radio.Group
          label="Customer account"
          value={choice}
          onChange={(v) => setChoice(v as AccountChoice)}
          error={choice !== 'existing' ? errors.accountId || undefined : undefined}
        >
          <Stack gap={8} mt={6}>
            <Radio value="none" label="No account" />
            <Radio
              value="new"
              disabled={!lead.company}
              label={lead.company ? `New account “${lead.company}”` : 'New account (the lead has no company)'}
            />
            <Radio value="existing" label="An existing account" />
          </Stack>
        </Radio.Group>
        {choice === 'existing' && (
          <AccountSelect
            label="Account"
            placeholder="Search accounts"
            value={accountId}
            onChange={(id) => setAccountId(id)}
            error={errors.accountId || undefined}
          />
        )}
        {choice !== 'none' && (
          <Checkbox
            label={`Also add ${lead.name} as a person at the account`}
            checked={createContact}
            onChange={(e) => setCreateContact(e.currentTarget.checked)}
            error={errors.createContact || undefined}
          />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={convert.isPending} disabled={conflict}>
            Convert to opportunity
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
