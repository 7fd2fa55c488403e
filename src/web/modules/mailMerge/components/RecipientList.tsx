import { Badge, Button, Checkbox, Group, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { MAX_RECIPIENTS } from '../../../../shared/mailMerge';
import type { Partner } from '../../partners/api';
import type { RecipientResult } from '../api';
import { OUTCOMES } from './outcomes';

interface Props {
  partners: Partner[];
  check: Map<string, RecipientResult> | undefined;
  selected: Set<string>;
  onChange: (s: Set<string>) => void;
  loading: boolean;
}

/** The filtered directory with a checkbox per partner and the address each mail would go to. */
export function RecipientList({ partners, check, selected, onChange, loading }: Props) {
  const ready = partners.filter((p) => check?.get(p.id)?.outcome === 'eligible');
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" c={selected.size > MAX_RECIPIENTS ? 'red' : 'dimmed'} data-testid="selected-count">
          {selected.size} of {partners.length} selected
          {selected.size > MAX_RECIPIENTS ? ` (at most ${MAX_RECIPIENTS} per send)` : ''}
        </Text>
        <Group gap={4}>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => onChange(new Set(ready.slice(0, MAX_RECIPIENTS).map((p) => p.id)))}
            disabled={!check}
          >
            Select all with email
          </Button>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onChange(new Set())}>
            Clear
          </Button>
        </Group>
      </Group>
      <ScrollArea.Autosize mah={{ base: 320, md: 520 }} type="auto" offsetScrollbars>
        <Stack gap={0} data-testid="recipients">
          {loading
            ? [0, 1, 2, 3, 4, 5].map((i) => <Skeleton key={i} height={36} my={4} />)
            : partners.map((p) => {
                const r = check?.get(p.id);
                const outcome = r ? OUTCOMES[r.outcome] : null;
                return (
                  <Group
                    key={p.id}
                    gap="sm"
                    wrap="nowrap"
                    py={6}
                    px={4}
                    style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
                  >
                    <Checkbox
                      checked={selected.has(p.id)}
                      onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                      aria-label={`Send to ${p.name}`}
                    />
                    <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                      <Text size="sm" fw={500} truncate="end">
                        {p.name}
                      </Text>
                      <Text size="xs" c="dimmed" truncate="end">
                        {r ? r.email || 'no email address' : 'checking…'}
                      </Text>
                    </Stack>
                    {outcome && r?.outcome !== 'eligible' && (
                      <Badge
                        size="xs"
                        color={outcome.color}
                        variant="light"
                        tt="none"
                        style={{ flexShrink: 0 }}
                      >
                        {outcome.label}
                      </Badge>
                    )}
                  </Group>
                );
              })}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}
