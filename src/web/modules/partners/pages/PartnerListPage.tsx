import { useEffect, useRef, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Collapse,
  Group,
  Menu,
  Stack,
  Switch,
  Table,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAdjustmentsHorizontal,
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconBuildingStore,
  IconChevronDown,
  IconDownload,
  IconFileImport,
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconFilterOff,
  IconPlus,
  IconSearch,
  IconTrash,
} from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useAuth, useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { ListFooter } from '../../../ui/LoadMore';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import sticky from '../../../ui/stickyColumns.module.css';
import { partnerLifecycleApi } from '../api';
import { BulkActionBar } from '../components/BulkActionBar';
import { ColumnChooser } from '../components/ColumnChooser';
import { managePartnerPath, PARTNER_COLUMNS, useColumnChoice } from '../components/partnerColumns';
import { PartnerFormModal } from '../components/PartnerFormModal';
import { PartnerListFilters } from '../components/PartnerListFilters';
import { SavedFilterMenu } from '../components/SavedFilterMenu';
import { usePartnerManagementList, useSavedFilters } from '../hooks';
import { filterCount, hasListState, listQueryOf, stateFrom, useListState } from '../listParams';

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
}: {
  label: string;
  sortKey?: string;
  sort: string;
  onSort: (s: string) => void;
}) {
  if (!sortKey) return <>{label}</>;
  const active = sort.replace(/^-/, '') === sortKey;
  const desc = active && sort.startsWith('-');
  const Icon = !active ? IconArrowsSort : desc ? IconArrowDown : IconArrowUp;
  return (
    <UnstyledButton
      onClick={() => onSort(active && !desc ? `-${sortKey}` : sortKey)}
      aria-label={`Sort by ${label}${active && !desc ? ', descending' : ''}`}
      style={{ fontWeight: 'inherit', fontSize: 'inherit' }}
    >
      <Group gap={4} wrap="nowrap">
        {label}
        <Icon size={14} style={{ opacity: active ? 1 : 0.35 }} />
      </Group>
    </UnstyledButton>
  );
}

/**
 * Partner management's list: a filter on every field, sorting, chosen columns, saved filters, keyset pages,
 * bulk actions on a selection and its export. The whole state lives in the address.
 */
export default function PartnerListPage() {
  const me = useUser();
  const { session } = useAuth();
  const navigate = useNavigate();
  const { state, params, set, replaceAll } = useListState();
  const list = usePartnerManagementList(state);
  const saved = useSavedFilters('partners');
  const [columns, setColumns] = useColumnChoice(me.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [formOpen, setFormOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [exporting, setExporting] = useState(false);
  const active = filterCount(state) - (state.q ? 1 : 0);
  const [showFilters, setShowFilters] = useState(active > 0);

  // The default saved filter, once, when the address names no view of its own.
  const defaulted = useRef(false);
  useEffect(() => {
    if (defaulted.current || !saved.data) return;
    defaulted.current = true;
    const mine = saved.data.find((f) => f.mine && f.isDefault);
    if (mine && !hasListState(params)) replaceAll(stateFrom(mine.filter), { replace: true });
  }, [saved.data, params, replaceAll]);

  // The search box types freely; the address follows when the typing pauses.
  const [search, setSearch] = useState(state.q ?? '');
  const [seenQ, setSeenQ] = useState(state.q ?? '');
  if ((state.q ?? '') !== seenQ) {
    setSeenQ(state.q ?? '');
    setSearch(state.q ?? '');
  }
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => {
    if (debounced === search && debounced.trim() !== (state.q ?? ''))
      set({ q: debounced.trim() || null }, { replace: true });
  }, [debounced, search, state.q, set]);

  // A new view starts with nothing selected.
  const viewKey = JSON.stringify(state);
  const [seenView, setSeenView] = useState(viewKey);
  if (seenView !== viewKey) {
    setSeenView(viewKey);
    setSelected(new Set());
  }

  const mayCreate = can(me.permissions, 'partners.create');
  const mayEdit = can(me.permissions, 'partners.edit');
  const mayDelete = can(me.permissions, 'partners.delete');
  const partners = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hidden = list.data?.pages.at(-1)?.hiddenCount ?? 0;
  const filtered = filterCount(state) > 0;
  const shown = PARTNER_COLUMNS.filter((c) => columns.includes(c.key));
  const sort = state.sort ?? 'name';
  const allSelected = partners.length > 0 && partners.every((p) => selected.has(p.id));
  const someSelected = partners.some((p) => selected.has(p.id));

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const clearFilters = () => {
    setSearch('');
    replaceAll({ sort: state.sort, includeArchived: state.includeArchived });
  };
  const exportAs = async (format: 'csv' | 'xlsx', ids?: string[]) => {
    setExporting(true);
    try {
      const { sort: _sort, ...filter } = listQueryOf(state);
      await partnerLifecycleApi.exportFile(
        ids ? { format, ids } : { format, filter },
        session?.csrfToken ?? null,
      );
    } catch (e) {
      notifications.show({ color: 'red', title: 'The export failed', message: errorMessage(e) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Partners"
        description="Resellers, consultancies, sponsors and agencies: who they are, who owns them, and what hangs off them."
        actions={
          <>
            {mayDelete && (
              <Button
                variant="subtle"
                color="gray"
                component={Link}
                to="/partners/trash"
                leftSection={<IconTrash size={16} />}
              >
                Trash
              </Button>
            )}
            {mayCreate && (
              // The import wizard reads partners from CSV or XLSX (the partner columns only).
              <Button
                variant="default"
                component={Link}
                to="/partnerships/import?kind=partners"
                leftSection={<IconFileImport size={16} />}
              >
                Import
              </Button>
            )}
            <Menu position="bottom-end" shadow="md" width={240} withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconDownload size={16} />}
                  rightSection={<IconChevronDown size={14} />}
                  loading={exporting}
                >
                  Export
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{filtered ? 'Every partner this filter matches' : 'Every partner'}</Menu.Label>
                <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => void exportAs('csv')}>
                  CSV
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconFileSpreadsheet size={16} />}
                  onClick={() => void exportAs('xlsx')}
                >
                  Excel (XLSX)
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            {mayCreate && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => {
                  setFormKey((k) => k + 1);
                  setFormOpen(true);
                }}
              >
                New partner
              </Button>
            )}
          </>
        }
      />
      <Card radius="lg" p={0}>
        <Stack gap="sm" p="md">
          <Group gap="sm" wrap="wrap">
            <SavedFilterMenu
              module="partners"
              filters={saved.data ?? []}
              state={state}
              onApply={(f) => replaceAll(stateFrom(f.filter))}
            />
            <TextInput
              placeholder="Search name, email, website, notes…"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
              aria-label="Search partners"
            />
            <Button
              variant={showFilters ? 'light' : 'default'}
              leftSection={<IconAdjustmentsHorizontal size={16} />}
              rightSection={
                active > 0 ? (
                  <Badge size="xs" circle>
                    {active}
                  </Badge>
                ) : undefined
              }
              onClick={() => setShowFilters((v) => !v)}
              aria-expanded={showFilters}
            >
              Filters
            </Button>
            <ColumnChooser value={columns} onChange={setColumns} />
            <Switch
              label="Include archived"
              checked={state.includeArchived === 'true'}
              onChange={(e) => set({ includeArchived: e.currentTarget.checked ? 'true' : null })}
            />
            {filtered && (
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconFilterOff size={16} />}
                onClick={clearFilters}
              >
                Clear filters
              </Button>
            )}
          </Group>
          <Collapse expanded={showFilters}>
            <PartnerListFilters state={state} onChange={(p) => set(p)} />
          </Collapse>
          {selected.size > 0 && (
            <BulkActionBar
              ids={[...selected]}
              mayEdit={mayEdit}
              showUnarchive={state.includeArchived === 'true'}
              onClear={() => setSelected(new Set())}
              onExport={(format) => void exportAs(format, [...selected])}
              exporting={exporting}
            />
          )}
        </Stack>
        {list.isError ? (
          <Stack p="md" pt={0}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </Stack>
        ) : !list.isPending && partners.length === 0 ? (
          <Empty
            icon={<IconBuildingStore size={22} />}
            title={filtered ? 'No partners match' : 'No partners yet'}
            description={
              filtered
                ? 'Try another search or clear the filters.'
                : 'Add your first partner, or import a spreadsheet of them.'
            }
            action={
              filtered ? (
                <Button variant="light" onClick={clearFilters}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={shown.reduce((w, c) => w + c.width, 60)}>
            <Table
              highlightOnHover
              verticalSpacing={8}
              data-testid="partner-list"
              aria-busy={list.isPending || list.isPlaceholderData}
              style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th className={sticky.lead}>
                    <Checkbox
                      aria-label="Select all loaded partners"
                      checked={allSelected}
                      indeterminate={someSelected && !allSelected}
                      onChange={() =>
                        setSelected(allSelected ? new Set() : new Set(partners.map((p) => p.id)))
                      }
                    />
                  </Table.Th>
                  {shown.map((c) => (
                    <Table.Th
                      key={c.key}
                      className={c.key === 'name' ? sticky.name : undefined}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      <SortHeader
                        label={c.label}
                        sortKey={c.sort}
                        sort={sort}
                        onSort={(s) => set({ sort: s === 'name' ? null : s })}
                      />
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              {list.isPending ? (
                <TableSkeleton cols={shown.length + 1} />
              ) : (
                <Table.Tbody>
                  {partners.map((p) => (
                    <Table.Tr
                      key={p.id}
                      data-testid="partner-list-row"
                      bg={selected.has(p.id) ? 'var(--mantine-primary-color-light)' : undefined}
                      // The sticky cells paint their own background: tinted the same way.
                      style={
                        selected.has(p.id)
                          ? { '--row-tint': 'var(--mantine-primary-color-light)' }
                          : undefined
                      }
                      onDoubleClick={() => void navigate(managePartnerPath(p.id))}
                    >
                      <Table.Td className={sticky.lead}>
                        <Checkbox
                          aria-label={`Select ${p.name}`}
                          checked={selected.has(p.id)}
                          onChange={() => toggle(p.id)}
                        />
                      </Table.Td>
                      {shown.map((c) => (
                        <Table.Td
                          key={c.key}
                          className={c.key === 'name' ? sticky.name : undefined}
                          maw={c.key === 'name' ? 320 : 240}
                          style={c.key === 'name' ? undefined : { whiteSpace: 'nowrap' }}
                        >
                          {c.render(p)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              )}
            </Table>
          </Table.ScrollContainer>
        )}
        {!list.hasNextPage && hidden > 0 && (
          <Box px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            <HiddenNotice count={hidden} singular="partner" />
          </Box>
        )}
        {partners.length > 0 && (
          <ListFooter query={list} shown={partners.length} noun="partner" testId="partner-list-count" />
        )}
      </Card>
      {formOpen && (
        <PartnerFormModal
          key={formKey}
          partner={null}
          opened={formOpen}
          onClose={() => setFormOpen(false)}
          onCreated={(p) => void navigate(managePartnerPath(p.id))}
        />
      )}
    </>
  );
}
