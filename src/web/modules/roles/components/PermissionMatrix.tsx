import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { Action, PermissionMatrix as Matrix, Scope } from '../../../../shared/permissions';
import { AREA_LABELS } from '../../../app/pages';
import type { Catalog } from '../api';
import { groupByArea, setAll, setScope, toggleAction } from '../matrix';
import classes from './PermissionMatrix.module.css';

const ACTION_LABELS: Record<string, string> = {
  view: 'View',
  create: 'Create',
  edit: 'Edit',
  delete: 'Delete',
  approve: 'Approve',
  configure: 'Configure',
};
const SCOPE_LABELS: Record<string, string> = {
  own: 'Own records',
  department: 'Department',
  all: 'All records',
};

interface Props {
  catalog: Catalog;
  value: Matrix;
  onChange: (next: Matrix) => void;
  readOnly?: boolean;
}

/** Rows: modules grouped by area. Columns: the six actions (a box only where the module has the action) and a scope. */
export function PermissionMatrix({ catalog, value, onChange, readOnly }: Props) {
  const groups = groupByArea(catalog.areas, catalog.modules);
  return (
    <Stack gap="lg" data-testid="permission-matrix">
      {groups.map(({ area, modules }) => {
        const granted = modules.reduce((n, m) => n + (value[m.key]?.actions.length ?? 0), 0);
        const possible = modules.reduce((n, m) => n + m.actions.length, 0);
        return (
          <Paper key={area} radius="lg" className={classes.area}>
            <Group justify="space-between" px="md" py="sm" className={classes.areaHeader}>
              <Group gap="xs">
                <Text fw={650}>{AREA_LABELS[area as keyof typeof AREA_LABELS] ?? area}</Text>
                <Text size="xs" c="dimmed">
                  {granted} of {possible} permissions
                </Text>
              </Group>
              {!readOnly && (
                <Group gap={4}>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => onChange(setAll(value, modules, true))}
                  >
                    Grant all
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => onChange(setAll(value, modules, false))}
                  >
                    Clear
                  </Button>
                </Group>
              )}
            </Group>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing={6} className={classes.table}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Module</Table.Th>
                    {catalog.actions.map((a) => (
                      <Table.Th key={a} ta="center" w={82}>
                        {ACTION_LABELS[a] ?? a}
                      </Table.Th>
                    ))}
                    <Table.Th w={150}>Scope</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {modules.map((m) => {
                    const grant = value[m.key];
                    return (
                      <Table.Tr key={m.key} data-module={m.key}>
                        <Table.Td>
                          <Text size="sm" fw={grant ? 500 : 400}>
                            {m.label}
                          </Text>
                        </Table.Td>
                        {catalog.actions.map((a) => (
                          <Table.Td key={a} ta="center">
                            {m.actions.includes(a) ? (
                              <Checkbox
                                className={classes.box}
                                checked={grant?.actions.includes(a as Action) ?? false}
                                onChange={(e) =>
                                  onChange(toggleAction(value, m, a as Action, e.currentTarget.checked))
                                }
                                disabled={readOnly}
                                aria-label={`${m.label}: ${a}`}
                              />
                            ) : (
                              <Tooltip label={`${m.label} has no “${a}” permission`} openDelay={500}>
                                <Text size="sm" c="dimmed" aria-hidden>
                                  ·
                                </Text>
                              </Tooltip>
                            )}
                          </Table.Td>
                        ))}
                        <Table.Td>
                          {m.scoped ? (
                            <NativeSelect
                              size="xs"
                              value={grant?.scope ?? 'all'}
                              disabled={readOnly || !grant}
                              onChange={(e) =>
                                onChange(setScope(value, m.key, e.currentTarget.value as Scope))
                              }
                              data={catalog.scopes.map((s) => ({ value: s, label: SCOPE_LABELS[s] ?? s }))}
                              aria-label={`${m.label}: scope`}
                            />
                          ) : (
                            <Tooltip
                              label={`${m.label} has no owner to narrow by: a role has all of it or none`}
                              openDelay={300}
                            >
                              <Text size="xs" c="dimmed" data-testid={`${m.key}-scope`}>
                                {grant ? SCOPE_LABELS.all : '·'}
                              </Text>
                            </Tooltip>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        );
      })}
    </Stack>
  );
}
