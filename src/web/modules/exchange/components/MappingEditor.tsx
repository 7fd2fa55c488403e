import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { EXCHANGE_COLUMNS, type ExchangeKey } from '../../../../shared/exchange.schema';
import type { ImportMapping, ImportPreview } from '../api';

const OPTIONS = [
  { value: '', label: '— Do not import —' },
  ...EXCHANGE_COLUMNS.map((c) => ({ value: c.key, label: c.header })),
];
const HEADER = new Map(EXCHANGE_COLUMNS.map((c) => [c.key as string, c.header]));
export const columnLabel = (key: string) => HEADER.get(key) ?? key;

/** Problems that stop an import: no Company column, or two file columns feeding one field. */
export function mappingProblems(mapping: ImportMapping): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Map<ExchangeKey, string>();
  for (const [header, key] of Object.entries(mapping)) {
    if (!key) continue;
    const first = seen.get(key);
    if (first !== undefined) problems[header] = `“${first}” already feeds ${columnLabel(key)}`;
    else seen.set(key, header);
  }
  if (!seen.has('company')) problems[''] = 'Choose which column holds the company name: Company is required.';
  return problems;
}

function examples(preview: ImportPreview, header: string): string {
  const values = preview.sample.map((r) => r[header] ?? '').filter((v) => v.trim() !== '');
  return [...new Set(values)].slice(0, 3).join(' · ');
}

/** One row per column of the file: a few of its values and the Accord field it feeds. */
export function MappingEditor({
  preview,
  mapping,
  onChange,
}: {
  preview: ImportPreview;
  mapping: ImportMapping;
  onChange: (m: ImportMapping) => void;
}) {
  const problems = mappingProblems(mapping);
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const select = (h: string) => {
    const key = mapping[h] ?? null;
    const suggested = preview.mapping[h] ?? null;
    return (
      <Select
        aria-label={`Import “${h}” as`}
        data={OPTIONS}
        value={key ?? ''}
        onChange={(v) => onChange({ ...mapping, [h]: (v || null) as ExchangeKey | null })}
        allowDeselect={false}
        searchable
        size="sm"
        error={problems[h]}
        description={suggested && suggested !== key ? `Suggested: ${columnLabel(suggested)}` : undefined}
        comboboxProps={{ withinPortal: true }}
      />
    );
  };
  if (phone)
    return (
      <Stack gap={0} data-testid="mapping-editor">
        {preview.headers.map((h) => (
          <Stack
            key={h}
            gap={4}
            py="sm"
            style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
          >
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {h || <em>(no header)</em>}
              </Text>
              {mapping[h] === 'company' && (
                <Badge size="xs" color="indigo" variant="light">
                  Required
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {examples(preview, h) || 'empty in the first rows'}
            </Text>
            {select(h)}
          </Stack>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" data-testid="mapping-editor">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Column in the file</Table.Th>
            <Table.Th>Values</Table.Th>
            <Table.Th w={260}>Import as</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.headers.map((h) => {
            const key = mapping[h] ?? null;
            return (
              <Table.Tr key={h}>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {h || <em>(no header)</em>}
                    </Text>
                    {key === 'company' && (
                      <Badge size="xs" color="indigo" variant="light" w="fit-content">
                        Required
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {examples(preview, h) || 'empty in the first rows'}
                  </Text>
                </Table.Td>
                <Table.Td>{select(h)} </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The first rows of the file under the fields they will feed. */
export function SampleRows({ preview, mapping }: { preview: ImportPreview; mapping: ImportMapping }) {
  const headers = preview.headers.filter((h) => mapping[h]);
  const rows = preview.sample.slice(0, 5);
  if (headers.length === 0 || rows.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={Math.max(560, headers.length * 140)}>
      <Table striped withTableBorder fz="xs" data-testid="sample-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Row</Table.Th>
            {headers.map((h) => (
              <Table.Th key={h} style={{ whiteSpace: 'nowrap' }}>
                {columnLabel(mapping[h]!)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td c="dimmed">{i + 2}</Table.Td>
              {headers.map((h) => (
                <Table.Td
                  key={h}
                  maw={220}
                  style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {r[h]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
