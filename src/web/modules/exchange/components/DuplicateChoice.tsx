import { Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { DUPLICATE_LABELS, type DuplicateChoice as Choice, type ImportKindDef } from '../importKinds';

/** What a row that matches an existing record does: skip it, update the record, or add another. */
export function DuplicateChoice({
  kind,
  value,
  onChange,
}: {
  kind: ImportKindDef;
  value: Choice;
  onChange: (v: Choice) => void;
}) {
  if (!kind.duplicates) return null;
  const title = `When a row matches an existing ${kind.noun[0]}`;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="duplicate-choice">
      <Stack gap={6}>
        <div>
          <Text size="sm" fw={600}>
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            A row matches when it has {kind.duplicates.matchedBy}.
          </Text>
        </div>
        <SegmentedControl
          aria-label={title}
          value={value}
          onChange={(v) => onChange(v as Choice)}
          data={kind.duplicates.choices.map((c) => ({ value: c, label: DUPLICATE_LABELS[c].label }))}
          w={{ base: '100%', xs: 'fit-content' }}
        />
        <Text size="sm" data-testid="duplicate-hint">
          <b>{DUPLICATE_LABELS[value].label}:</b> {DUPLICATE_LABELS[value].hint(kind.noun[0])}
        </Text>
      </Stack>
    </Paper>
  );
}
