import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';

const REASONS = [
  'Chose a competitor',
  'No budget this year',
  'Project cancelled',
  'Went quiet',
  'Price too high',
];

/** Moving a deal into a lost stage asks why; the answer goes with the move. */
export function LostReasonModal({
  dealName,
  stageName,
  onConfirm,
  onCancel,
}: {
  dealName: string;
  stageName: string;
  onConfirm(reason: string): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!reason.trim()) return setError('Say why the deal was lost');
    onConfirm(reason.trim());
  };
  return (
    <Modal opened onClose={onCancel} title={`Mark ${dealName} as ${stageName.toLowerCase()}`} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            A lost deal leaves the open pipeline and the forecast. The reason helps the next one.
          </Text>
          <TextInput
            label="Lost reason"
            withAsterisk
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            maxLength={500}
            data-autofocus
          />
          <Group gap={6} aria-label="Common reasons">
            {REASONS.map((r) => (
              <Button
                key={r}
                size="compact-xs"
                variant={reason === r ? 'light' : 'default'}
                radius="xl"
                onClick={() => {
                  setReason(r);
                  setError(null);
                }}
              >
                {r}
              </Button>
            ))}
          </Group>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" color="red">
              Mark as lost
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
