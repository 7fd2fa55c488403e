import { useState, type DragEvent } from 'react';
import { Anchor, Button, FileButton, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileUpload, IconUpload } from '@tabler/icons-react';
import { exchangeApi } from '../api';
import { columnLabel, type ImportKindDef } from '../importKinds';
import { downloadText, templateCsv } from '../report';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The first step: drop or choose a CSV / XLSX file, with upload progress and a template to start from. */
export function UploadStep({
  kind,
  onFile,
  uploading,
  percent,
}: {
  kind: ImportKindDef;
  onFile: (f: File) => void;
  uploading: boolean;
  percent: number;
}) {
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  const required = kind.required.map((key) => columnLabel(kind, key)).join(' and ');
  return (
    <Stack
      align="center"
      gap="sm"
      py={48}
      px="md"
      ta="center"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      style={{
        border: `2px dashed var(--mantine-color-${over ? 'indigo-5' : 'default-border'})`,
        borderRadius: 12,
        background: over ? 'var(--mantine-color-indigo-light)' : undefined,
      }}
      data-testid="import-dropzone"
    >
      <ThemeIcon size={56} radius="xl" variant="light">
        <IconFileUpload size={28} />
      </ThemeIcon>
      <Title order={4}>Drop a CSV or Excel file here</Title>
      <Text size="sm" c="dimmed" maw={520}>
        {kind.rowHelp} Only {required} is required.
      </Text>
      {uploading ? (
        <Stack gap={4} w={260}>
          <Progress value={percent} animated striped aria-label="Upload progress" />
          <Text size="xs" c="dimmed">
            Uploading… {percent}%
          </Text>
        </Stack>
      ) : (
        <FileButton onChange={(f) => f && onFile(f)} accept={ACCEPT}>
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />}>
              Choose a file
            </Button>
          )}
        </FileButton>
      )}
      <Text size="xs" c="dimmed">
        Need a template?{' '}
        {kind.key === 'partnerships' ? (
          <Anchor href={exchangeApi.exportUrl('csv', { includeArchived: 'true' })} download size="xs">
            Export the current partners as CSV
          </Anchor>
        ) : (
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={() => downloadText(`${kind.key}-import-template.csv`, templateCsv(kind))}
          >
            Download a CSV with every column
          </Anchor>
        )}
      </Text>
    </Stack>
  );
}
