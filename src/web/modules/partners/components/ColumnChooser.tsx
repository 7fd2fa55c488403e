import { Button, Checkbox, Group, Popover, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import { DEFAULT_COLUMNS, PARTNER_COLUMNS } from './partnerColumns';

/** Which columns the list shows; the partner name always does. */
export function ColumnChooser({ value, onChange }: { value: string[]; onChange: (keys: string[]) => void }) {
  return (
    <Popover position="bottom-end" shadow="md" width={340} withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns3 size={16} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              Show columns
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => onChange(DEFAULT_COLUMNS)}>
              Reset
            </Button>
          </Group>
          <Checkbox.Group value={value} onChange={onChange} aria-label="Columns">
            <SimpleGrid cols={2} spacing={8} verticalSpacing={8}>
              {PARTNER_COLUMNS.map((c) => (
                <Checkbox key={c.key} value={c.key} label={c.label} disabled={c.key === 'name'} size="sm" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
