/**
 * The phone layout of a table (below `sm`, see usePhone): one stacked card per row instead of columns that
 * scroll sideways. A card keeps the row's test id and every action the row has, so a page swaps its table for
 * a CardList without changing what can be done or what the tests find.
 */
import { Fragment, type KeyboardEvent, type ReactNode } from 'react';
import { Group, Skeleton, Stack, Text } from '@mantine/core';
import classes from './CardList.module.css';
import linkedClasses from './linkedRow.module.css';

export function CardList({
  testId,
  loading = false,
  rows = 3,
  children,
}: {
  /** The test id the table has ("leads-table"), so a test finds the list at either width. */
  testId?: string;
  loading?: boolean;
  /** How many placeholder cards while it loads. */
  rows?: number;
  children?: ReactNode;
}) {
  return (
    <Stack gap="xs" data-testid={testId} aria-busy={loading}>
      {loading
        ? Array.from({ length: rows }, (_, i) => (
            <Stack key={i} gap={8} className={classes.card}>
              <Skeleton height={12} width="55%" />
              <Skeleton height={10} width="35%" />
              <Group justify="space-between">
                <Skeleton height={16} width={80} />
                <Skeleton height={12} width={70} />
              </Group>
            </Stack>
          ))
        : children}
    </Stack>
  );
}

interface CardFields {
  /** The row's test id ("lead-row"). */
  testId?: string;
  /** The name or subject, in bold. */
  title: ReactNode;
  /** Dimmed under the title: company and title, the account. */
  subtitle?: ReactNode;
  /** Left of the second line: the status badge and what belongs to it. */
  status?: ReactNode;
  /** Right of the second line: the amount, the value or the priority. */
  value?: ReactNode;
  /**
   * The dimmed last line: owner, source, date… Falsy parts are left out, the rest joined with " · "; a part
   * never breaks inside (a date, a phone number), it moves to the next line whole.
   */
  meta?: ReactNode[];
  /** The record a link pointed at (useLinkedRow): marked like its table row. */
  linked?: boolean;
}

/** A card either holds the row's buttons or is itself the button that opens the record: never both. */
type CardProps = CardFields &
  ({ actions?: ReactNode; onOpen?: undefined } | { onOpen(): void; actions?: undefined });

export function CardListItem({
  testId,
  title,
  subtitle,
  status,
  value,
  meta,
  actions,
  onOpen,
  linked = false,
}: CardProps) {
  const mark = linked
    ? {
        'data-linked': true,
        'aria-current': 'true' as const,
        className: `${classes.card} ${linkedClasses.linked}`,
      }
    : { className: classes.card };
  const parts = (meta ?? []).filter((m) => m !== null && m !== undefined && m !== false && m !== '');
  const body = (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
          <Text component="div" size="sm" fw={600} lineClamp={2}>
            {title}
          </Text>
          {subtitle && (
            <Text component="div" size="xs" c="dimmed" lineClamp={2}>
              {subtitle}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {actions}
          </Group>
        )}
      </Group>
      {(status || value) && (
        <Group justify="space-between" align="center" wrap="nowrap" gap="xs">
          <Group gap={6} style={{ minWidth: 0 }}>
            {status}
          </Group>
          {value && (
            <Text component="div" size="sm" fw={600} className={classes.num}>
              {value}
            </Text>
          )}
        </Group>
      )}
      {parts.length > 0 && (
        <Text component="div" size="xs" c="dimmed">
          {parts.map((p, i) => (
            <Fragment key={i}>
              {/* The dot stays with the part before it, so a line never starts with one. */}
              {i > 0 && '\u00a0· '}
              <span className={classes.part}>{p}</span>
            </Fragment>
          ))}
        </Text>
      )}
    </Stack>
  );
  if (!onOpen)
    return (
      <div {...mark} data-testid={testId}>
        {body}
      </div>
    );
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onOpen();
  };
  return (
    <div
      role="button"
      tabIndex={0}
      {...mark}
      data-opens
      data-testid={testId}
      onClick={onOpen}
      onKeyDown={onKeyDown}
    >
      {body}
    </div>
  );
}
