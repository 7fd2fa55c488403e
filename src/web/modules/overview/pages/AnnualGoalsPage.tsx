/**
 * Partnerships → Overview → Annual goals: an optional explicit revenue goal per year for Goal Pace. A year
 * without one uses the sum of its event goals, as the reference does (partnerships.md, "Annual goal").
 */
import { useState } from 'react';
import { Badge, Button, Card, Flex, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTarget } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import type { AnnualGoal } from '../../../../shared/overview.schema';
import { ApiError, errorMessage } from '../../../api/client';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { MoneyInput, moneyFromInput, moneyToInput } from '../../../ui/MoneyInput';
import { PageHeader } from '../../../ui/PageHeader';
import { useAnnualGoals, useClearAnnualGoal, useSetAnnualGoal } from '../hooks';
import { money } from '../labels';

function GoalRow({ goal, focused, onReload }: { goal: AnnualGoal; focused: boolean; onReload(): void }) {
  const [text, setText] = useState(() => moneyToInput(goal.amount, goal.currency));
  const [error, setError] = useState<string | null>(null);
  const save = useSetAnnualGoal();
  const clear = useClearAnnualGoal();
  const explicit = goal.amount !== null;
  const unchanged = text === moneyToInput(goal.amount, goal.currency);

  const submit = () => {
    const parsed = moneyFromInput(text, goal.currency);
    if (!parsed.ok) return setError(parsed.message);
    if (parsed.amount === null) return setError('Enter the goal, or use “Use event goals” to remove it');
    setError(null);
    save.mutate(
      { year: goal.year, amount: parsed.amount, version: goal.version },
      {
        onSuccess: (g) => {
          setText(moneyToInput(g.amount, g.currency));
          notifications.show({
            color: 'teal',
            message: `The ${g.year} goal is ${money(g.effectiveAmount, g.currency)}.`,
          });
        },
      },
    );
  };
  const remove = () =>
    clear.mutate(goal.year, {
      onSuccess: (g) => {
        setText('');
        notifications.show({
          color: 'teal',
          message: `${g.year} uses the sum of its event goals again: ${money(g.eventGoalAmount, g.currency)}.`,
        });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) }),
    });
  const conflict = save.error instanceof ApiError && save.error.status === 409;

  return (
    <Stack
      gap="xs"
      p="md"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-testid="goal-row"
      data-year={goal.year}
    >
      <Flex direction={{ base: 'column', sm: 'row' }} gap="md" align={{ base: 'stretch', sm: 'flex-end' }}>
        <Stack gap={2} w={{ sm: 320 }} style={{ flexShrink: 0 }}>
          <Group gap="xs">
            <Title order={3} fz="lg">
              {goal.year}
            </Title>
            <Badge variant="light" color={explicit ? 'indigo' : 'gray'} data-testid="goal-source">
              {explicit ? 'Annual goal' : 'Event goals'}
            </Badge>
          </Group>
          <Text size="sm">
            Goal pace uses <b data-testid="goal-effective">{money(goal.effectiveAmount, goal.currency)}</b>
          </Text>
          <Text size="xs" c="dimmed">
            Sum of the year’s event goals: {money(goal.eventGoalAmount, goal.currency)}
          </Text>
        </Stack>
        <MoneyInput
          currency={goal.currency}
          label={`${goal.year} annual goal`}
          placeholder={`Event goals: ${moneyToInput(goal.eventGoalAmount, goal.currency) || '0'}`}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
          }}
          error={error}
          data-autofocus={focused || undefined}
          autoFocus={focused}
          style={{ flex: 1, minWidth: 0, maxWidth: 380 }}
        />
        <Group gap="xs" wrap="nowrap">
          <Button onClick={submit} loading={save.isPending} disabled={unchanged || conflict}>
            {explicit ? 'Save' : 'Set goal'}
          </Button>
          {explicit && (
            <Button variant="default" onClick={remove} loading={clear.isPending}>
              Use event goals
            </Button>
          )}
        </Group>
      </Flex>
      {save.isError && !error && <ErrorAlert error={save.error} onReload={onReload} />}
    </Stack>
  );
}

/** A year that has neither events nor a goal yet (planning ahead). */
function AddYear({ known, currency }: { known: number[]; currency: string }) {
  const [year, setYear] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ year?: string; amount?: string }>({});
  const save = useSetAnnualGoal();
  const submit = () => {
    const y = Number(year);
    const next: typeof errors = {};
    if (!Number.isInteger(y) || y < 2000 || y > 2100) next.year = 'Enter a year from 2000 to 2100';
    else if (known.includes(y)) next.year = `${y} is listed above`;
    const parsed = moneyFromInput(text, currency);
    if (!parsed.ok) next.amount = parsed.message;
    else if (parsed.amount === null) next.amount = 'Enter the goal';
    setErrors(next);
    if (Object.keys(next).length || !parsed.ok || parsed.amount === null) return;
    save.mutate(
      { year: y, amount: parsed.amount, version: null },
      {
        onSuccess: (g) => {
          setYear('');
          setText('');
          notifications.show({
            color: 'teal',
            message: `The ${g.year} goal is ${money(g.effectiveAmount, g.currency)}.`,
          });
        },
      },
    );
  };
  return (
    <Stack gap="xs" p="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Text size="sm" fw={600}>
        Another year
      </Text>
      <Flex direction={{ base: 'column', sm: 'row' }} gap="md" align={{ base: 'stretch', sm: 'flex-start' }}>
        <TextInput
          label="Year"
          placeholder={String(Math.max(new Date().getFullYear(), ...known) + 1)}
          inputMode="numeric"
          value={year}
          onChange={(e) => setYear(e.currentTarget.value)}
          error={errors.year}
          w={{ sm: 140 }}
        />
        <MoneyInput
          currency={currency}
          label="Annual goal"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.amount}
          style={{ flex: 1, minWidth: 0, maxWidth: 380 }}
        />
        <Button onClick={submit} loading={save.isPending} mt={{ sm: 25 }}>
          Set goal
        </Button>
      </Flex>
      {save.isError && <ErrorAlert error={save.error} />}
    </Stack>
  );
}

export default function AnnualGoalsPage() {
  const [params] = useSearchParams();
  const focusYear = Number(params.get('year'));
  const goals = useAnnualGoals();
  const items = goals.data?.items ?? [];
  const currency = items[0]?.currency ?? 'CAD';

  let body;
  if (goals.isError) body = <ErrorAlert error={goals.error} onRetry={() => void goals.refetch()} />;
  else if (goals.isPending)
    body = (
      <Stack p="md" gap="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={64} radius="md" />
        ))}
      </Stack>
    );
  else
    body = (
      <>
        {items.length === 0 && (
          <Empty
            icon={<IconTarget size={22} />}
            title="No years yet"
            description="Years appear here once they have events. You can set a goal for a year ahead below."
          />
        )}
        {items.map((g) => (
          <GoalRow
            // A fresh row (and text) when someone else's change arrives.
            key={`${g.year}:${g.version ?? 0}:${g.eventGoalAmount}`}
            goal={g}
            focused={g.year === focusYear}
            onReload={() => void goals.refetch()}
          />
        ))}
        <AddYear known={items.map((g) => g.year)} currency={currency} />
      </>
    );

  return (
    <>
      <PageHeader
        title="Annual goals"
        description="The revenue goal Goal Pace measures each year against. A year without its own goal uses the sum of its event goals."
        back={{ to: '/partnerships/overview', label: 'Overview' }}
      />
      <Card radius="lg" p={0} data-testid="annual-goals">
        {body}
      </Card>
    </>
  );
}
