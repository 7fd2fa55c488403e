import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** A secret or code shown in monospace with a copy button. */
export function CopyField({ value, label = 'Copy' }: { value: string; label?: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code
        block
        style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 13 }}
        data-testid="copy-field-value"
      >
        {value}
      </Code>
      <CopyButton value={value} timeout={1600}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : label}>
            <ActionIcon
              variant="light"
              color={copied ? 'teal' : 'gray'}
              size="lg"
              onClick={copy}
              aria-label={label}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
