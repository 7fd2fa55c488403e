import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import type { ImportMapping, ImportPreview } from '../api';
import {
  columnLabel as labelOf,
  IMPORT_KIND_DEFS,
  mappingProblems,
  type ImportKindDef,
} from '../importKinds';
import { usePhone } from '../../../ui/usePhone';

/** The partnerships row model's header for a column key (the Sheets conflicts page shows them too). */
export const columnLabel = (key: string) => labelOf(IMPORT_KIND_DEFS.partnerships, key);

const columnOptions = (kind: ImportKindDef) => [
  { value: '', label: '— Do not import —' },
  ...kind.columns.map((c) => ({ value: c.key, label: c.header })),
];

function examples(preview: ImportPreview, header: string): string {
  const values = preview.sample.map((r) => r[header] ?? '').filter((v) => v.trim() !== '');
  return [...new Set(values)].slice(0, 3).join(' · ');
}

/** One row per column of the file: a few of its values and the Accord field it feeds. */
export function MappingEditor({
  kind,
  preview,
  mapping,
  onChange,
}: {
  kind: ImportKindDef;
  preview: ImportPreview;
  mapping: ImportMapping;
  onChange: (m: ImportMapping) => void;
}) {
  const problems = mappingProblems(kind, mapping);
  const options = columnOptions(kind);
  const required = (h: string) => {
    const key = mapping[h];
    return !!key && kind.required.includes(key);
  };
  const phone = usePhone();
  const select = (h: string) => {
    const key = mapping[h] ?? null;
    const suggested = preview.mapping[h] ?? null;
    return (
      <Select
        aria-label={`Import “${h}” as`}
        data={options}
        value={key ?? ''}
        onChange={(v) => onChange({ ...mapping, [h]: v || null })}
        allowDeselect={false}
        searchable
        size="sm"
        error={problems[h]}
        description={suggested && suggested !== key ? `Suggested: ${labelOf(kind, suggested)}` : undefined}
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
              {required(h) && (
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
          {preview.headers.map((h) => (
            <Table.Tr key={h}>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm" fw={600}>
                    {h || <em>(no header)</em>}
                  </Text>
                  {required(h) && (
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
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The first rows of the file under the fields they will feed. */
export function SampleRows({
  kind,
  preview,
  mapping,
}: {
  kind: ImportKindDef;
  preview: ImportPreview;
  mapping: ImportMapping;
}) {
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
                {labelOf(kind, mapping[h]!)}
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
