/** The Sheets settings: spreadsheet, tab, the service account key file (uploaded, never shown again), auto-push. */
import { useState } from 'react';
import {
  Accordion,
  Button,
  FileButton,
  Group,
  Stack,
  Switch,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { IconCheck, IconKey, IconPlugConnected, IconUpload } from '@tabler/icons-react';
import { DEFAULT_SHEET_NAME, type SheetsConfig } from '../../../../shared/sheets.schema';
import { errorMessage, fieldMessages } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useSaveSheetsConfig } from '../hooks';

function keyEmail(json: string): string | null {
  try {
    const v = JSON.parse(json) as { client_email?: unknown };
    return typeof v.client_email === 'string' ? v.client_email : null;
  } catch {
    return null;
  }
}

/** Starts from the stored settings; the page remounts it (a new key) when they change. */
export function SheetsConfigForm({ config }: { config: SheetsConfig }) {
  const save = useSaveSheetsConfig();
  const [spreadsheet, setSpreadsheet] = useState(config.spreadsheetUrl ?? config.spreadsheetId);
  const [sheetName, setSheetName] = useState(config.sheetName || DEFAULT_SHEET_NAME);
  const [autoPush, setAutoPush] = useState(config.autoPush);
  const [apiBaseUrl, setApiBaseUrl] = useState(config.apiBaseUrl);
  const [keyJson, setKeyJson] = useState<{ name: string; text: string } | null>(null);
  const fields = fieldMessages(save.error);
  const pickedEmail = keyJson ? keyEmail(keyJson.text) : null;

  const submit = () =>
    save.mutate(
      {
        enabled: true,
        spreadsheet,
        sheetName,
        autoPush,
        apiBaseUrl,
        ...(keyJson ? { serviceAccountJson: keyJson.text } : {}),
      },
      { onSuccess: () => setKeyJson(null) },
    );

  return (
    <Stack
      gap="md"
      component="form"
      onSubmit={(e) => (e.preventDefault(), submit())}
      data-testid="sheets-config"
    >
      <TextInput
        label="Spreadsheet"
        description="Paste the sheet's address from the browser, or its id"
        placeholder="https://docs.google.com/spreadsheets/d/…/edit"
        value={spreadsheet}
        onChange={(e) => setSpreadsheet(e.currentTarget.value)}
        error={fields.spreadsheet}
        required
      />
      <TextInput
        label="Tab name"
        description="The tab Accord writes to; a push creates it when missing"
        value={sheetName}
        onChange={(e) => setSheetName(e.currentTarget.value)}
        error={fields.sheetName}
        required
      />
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          Service account key
        </Text>
        <Text size="xs" c="dimmed">
          In Google Cloud, create a service account, add a JSON key and upload the file here. Then share the
          spreadsheet with the account's address as an Editor. The key is stored encrypted and never shown
          again.
        </Text>
        <Group gap="sm" wrap="wrap">
          <FileButton
            accept="application/json,.json"
            onChange={async (f) => f && setKeyJson({ name: f.name, text: await f.text() })}
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconUpload size={16} />}
                data-testid="key-upload"
              >
                {config.hasPrivateKey ? 'Replace key file' : 'Upload key file'}
              </Button>
            )}
          </FileButton>
          {keyJson ? (
            <Group gap={6}>
              <ThemeIcon size="sm" color="teal" variant="light">
                <IconCheck size={14} />
              </ThemeIcon>
              <Text size="sm">
                {keyJson.name}
                {pickedEmail ? ` · ${pickedEmail}` : ' · not a key file?'}
              </Text>
            </Group>
          ) : null}
        </Group>
        {!keyJson && config.hasPrivateKey && (
          <Text size="sm" c="dimmed" style={{ wordBreak: 'break-word' }}>
            <IconKey size={14} style={{ verticalAlign: -2, marginRight: 4 }} />
            Stored key for {config.serviceAccountEmail}
          </Text>
        )}
        {fields.serviceAccountJson && (
          <Text size="sm" c="red" role="alert">
            {fields.serviceAccountJson}
          </Text>
        )}
      </Stack>
      <Switch
        label="Push automatically after changes"
        description="About 30 seconds after partners, events or involvements change (one push for a burst of edits)"
        checked={autoPush}
        onChange={(e) => setAutoPush(e.currentTarget.checked)}
      />
      <Accordion variant="separated" chevronPosition="left">
        <Accordion.Item value="advanced">
          <Accordion.Control>
            <Text size="sm">Advanced</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <TextInput
              label="Sheets API address"
              description="Leave empty for Google's. Set it for a proxy or a test server."
              placeholder="https://sheets.googleapis.com"
              value={apiBaseUrl}
              onChange={(e) => setApiBaseUrl(e.currentTarget.value)}
              error={fields.apiBaseUrl}
            />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      {save.isError && Object.keys(fields).length === 0 && (
        <ErrorAlert error={save.error} title="The settings were not saved" />
      )}
      {save.isError && Object.keys(fields).length > 0 && (
        <Text size="sm" c="red">
          {errorMessage(save.error)}
        </Text>
      )}
      <Group>
        <Button type="submit" loading={save.isPending} leftSection={<IconPlugConnected size={16} />}>
          Save and test access
        </Button>
      </Group>
    </Stack>
  );
}
