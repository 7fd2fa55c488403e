/**
 * One partner's forecast for twelve months, by month or quarter: open pipeline, weighted pipeline, committed, won
 * to date and forecast (= won + weighted open), as figures, a chart and a table. The formulas are the
 * server's (src/shared/forecast.ts); this only draws them.
 */
import '@mantine/charts/styles.css';
import { useState } from 'react';
import { CompositeChart } from '@mantine/charts';
import {
  ActionIcon,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconChartBar, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { ForecastFigures } from '../../../../shared/forecast';
import { formatMoney, minorDigits } from '../../../../shared/money';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { StatTile } from '../../../ui/StatTile';
import { useForecast } from '../hooks';

type Granularity = 'month' | 'quarter';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-04" → "Apr 2026", "2026-Q2" → "Q2 2026". */
function periodLabel(period: string): string {
  const q = /^(\d{4})-Q(\d)$/.exec(period);
  if (q) return `Q${q[2]} ${q[1]}`;
  return `${MONTHS[Number(period.slice(5, 7)) - 1] ?? period} ${period.slice(0, 4)}`;
}

/** Twelve months from the start of the quarter `shift` years from today's: "2026-10" … "2027-09". */
function windowOf(today: Date, shift: number): { from: string; to: string } {
  const start = today.getFullYear() * 12 + Math.floor(today.getMonth() / 3) * 3 + shift * 12;
  const month = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return { from: month(start), to: month(start + 11) };
}

const COLUMNS: { key: keyof ForecastFigures; label: string; hint: string }[] = [
  { key: 'pipeline', label: 'Open pipeline', hint: 'Open deals expected to close in the period' },
  { key: 'weighted', label: 'Weighted', hint: 'Open amount × probability' },
  { key: 'committed', label: 'Committed', hint: 'Late-stage open + won' },
  { key: 'won', label: 'Won to date', hint: 'Deals won in the period so far' },
  { key: 'forecast', label: 'Forecast', hint: 'Won + weighted open' },
];

export function ForecastPanel({ partnerId }: { partnerId: string }) {
  // Forecasts look ahead: the current quarter and the three after it; the arrows move a year.
  const [shift, setShift] = useState(0);
  const [granularity, setGranularity] = useState<Granularity>('quarter');
  const range = windowOf(new Date(), shift);
  const rangeLabel = `${periodLabel(range.from)} – ${periodLabel(range.to)}`;
  const forecast = useForecast({ partnerId, granularity, ...range });
  const [currencyPick, setCurrency] = useState<string | null>(null);

  const controls = (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Group gap={4} wrap="nowrap">
        <ActionIcon
          variant="default"
          aria-label="Previous twelve months"
          onClick={() => setShift((y) => y - 1)}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <Text fw={600} miw={170} ta="center" size="sm" data-testid="forecast-range">
          {rangeLabel}
        </Text>
        <ActionIcon variant="default" aria-label="Next twelve months" onClick={() => setShift((y) => y + 1)}>
          <IconChevronRight size={16} />
        </ActionIcon>
      </Group>
      <SegmentedControl
        size="xs"
        value={granularity}
        onChange={(v) => setGranularity(v as Granularity)}
        data={[
          { value: 'month', label: 'By month' },
          { value: 'quarter', label: 'By quarter' },
        ]}
        aria-label="Period"
      />
    </Group>
  );

  if (forecast.isError)
    return (
      <Stack>
        {controls}
        <ErrorAlert error={forecast.error} onRetry={() => void forecast.refetch()} />
      </Stack>
    );
  if (forecast.isPending)
    return (
      <Stack aria-busy="true">
        {controls}
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          {COLUMNS.map((c) => (
            <Skeleton key={c.key} height={76} radius="md" />
          ))}
        </SimpleGrid>
        <Skeleton height={260} radius="md" />
      </Stack>
    );

  const f = forecast.data;
  const currencies = f.rows.map((r) => r.currency);
  const currency = currencyPick && currencies.includes(currencyPick) ? currencyPick : currencies[0];
  const row = f.rows.find((r) => r.currency === currency);
  if (!row || !currency)
    return (
      <Stack>
        {controls}
        <Empty
          icon={<IconChartBar size={22} />}
          title={`No deals closing ${rangeLabel}`}
          description="The forecast sums this partner's opportunities by expected close (open) and close date (won). Add an opportunity with an expected close date, or look at other months."
        />
      </Stack>
    );

  const scale = 10 ** minorDigits(currency);
  const money = (v: number) => formatMoney(v, currency);
  const data = row.periods.map((p) => ({
    period: granularity === 'month' ? periodLabel(p.period).slice(0, 3) : periodLabel(p.period),
    won: p.figures.won / scale,
    weighted: p.figures.weighted / scale,
    committed: p.figures.committed / scale,
    pipeline: p.figures.pipeline / scale,
  }));

  return (
    <Stack gap="md" data-testid="forecast">
      {controls}
      {currencies.length > 1 && (
        <SegmentedControl
          size="xs"
          value={currency}
          onChange={setCurrency}
          data={currencies}
          aria-label="Currency"
          w="fit-content"
        />
      )}
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
        {COLUMNS.map((c) => (
          <StatTile
            key={c.key}
            label={c.label}
            value={
              <span title={money(row.total[c.key])}>
                {formatMoney(row.total[c.key], currency, undefined, true)}
              </span>
            }
            hint={
              c.key === 'pipeline'
                ? `${row.total.openCount} open deals`
                : c.key === 'won'
                  ? `${row.total.wonCount} deals won`
                  : c.hint
            }
            color={c.key === 'forecast' ? 'indigo' : c.key === 'won' ? 'teal' : undefined}
          />
        ))}
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Text size="sm" fw={600} mb="xs">
          Forecast {rangeLabel}, {granularity === 'month' ? 'by month' : 'by quarter'}
        </Text>
        <CompositeChart
          h={280}
          curveType="linear"
          data={data}
          dataKey="period"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 40 }}
          maxBarWidth={granularity === 'month' ? 28 : 56}
          valueFormatter={(v) => formatMoney(Math.round(v * scale), currency, undefined, true)}
          yAxisProps={{ width: 70 }}
          // Won and weighted open stack into the forecast.
          barProps={{ stackId: 'forecast' }}
          series={[
            { name: 'won', label: 'Won', color: 'teal.6', type: 'bar' },
            { name: 'weighted', label: 'Weighted open', color: 'indigo.4', type: 'bar' },
            { name: 'committed', label: 'Committed', color: 'orange.6', type: 'line' },
            {
              name: 'pipeline',
              label: 'Open pipeline',
              color: 'gray.6',
              type: 'line',
              strokeDasharray: '5 5',
            },
          ]}
          data-testid="forecast-chart"
        />
        <Text size="xs" c="dimmed" mt={4}>
          The bar is the forecast: won plus the weighted open pipeline.
        </Text>
      </Paper>
      <Table.ScrollContainer minWidth={640}>
        <Table
          striped
          withTableBorder
          data-testid="forecast-table"
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Period</Table.Th>
              {COLUMNS.map((c) => (
                <Table.Th key={c.key} ta="right">
                  <Tooltip label={c.hint}>
                    <span>{c.label}</span>
                  </Tooltip>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row.periods.map((p) => (
              <Table.Tr key={p.period}>
                <Table.Td>{periodLabel(p.period)}</Table.Td>
                {COLUMNS.map((c) => (
                  <Table.Td key={c.key} ta="right" c={p.figures[c.key] === 0 ? 'dimmed' : undefined}>
                    {money(p.figures[c.key])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td>Total</Table.Td>
              {COLUMNS.map((c) => (
                <Table.Td key={c.key} ta="right">
                  {money(row.total[c.key])}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
