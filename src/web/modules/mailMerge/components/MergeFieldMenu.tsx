import { Button, Menu, Text } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { MERGE_FIELDS, type MergeField } from '../../../../shared/mailMerge';

const LABELS: Record<MergeField, string> = {
  recipient_first_name: 'Recipient first name',
  recipient_last_name: 'Recipient last name',
  recipient_full_name: 'Recipient full name',
  recipient_email: 'Recipient email',
  sender_first_name: 'Your first name',
  sender_last_name: 'Your last name',
  sender_full_name: 'Your full name',
  sender_email: 'Your email',
  company_name: 'Company name',
  contact_name: 'Contact name',
  event_name: 'Event name',
  event_year: 'Event year',
};

/** The twelve merge fields; choosing one inserts its token where the cursor was. */
export function MergeFieldMenu({ onInsert }: { onInsert: (token: string) => void }) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={260}>
      <Menu.Target>
        <Button size="xs" variant="light" leftSection={<IconBraces size={14} />}>
          Insert field
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
        {MERGE_FIELDS.map((f) => (
          <Menu.Item key={f} onClick={() => onInsert(`{{${f}}}`)}>
            <Text size="sm">{LABELS[f]}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {`{{${f}}}`}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
