import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import type { Query } from '../../../api/client';
import { exchangeApi } from '../api';

/**
 * Downloads the partnerships row model (one row per partner × involvement). With filters active it offers the
 * filtered view (what the list shows; link filters keep only the matching involvements) and everything; the
 * full export holds every involvement, so re-importing it changes nothing.
 */
export function ExportMenu({
  includeArchived,
  filter,
  filterCount = 0,
}: {
  includeArchived: boolean;
  /** The directory's query (search and filters); exported as is when `filterCount` > 0. */
  filter?: Query;
  filterCount?: number;
}) {
  const archived = includeArchived ? 'true' : 'false';
  const all = { includeArchived: archived };
  const filtered = { ...filter, includeArchived: archived };
  const items = (query: Query) => (
    <>
      <Menu.Item
        component="a"
        href={exchangeApi.exportUrl('csv', query)}
        download
        leftSection={<IconFileTypeCsv size={16} />}
      >
        CSV
      </Menu.Item>
      <Menu.Item
        component="a"
        href={exchangeApi.exportUrl('xlsx', query)}
        download
        leftSection={<IconFileSpreadsheet size={16} />}
      >
        Excel (XLSX)
      </Menu.Item>
    </>
  );
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={280}>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {filter && filterCount > 0 && (
          <>
            <Menu.Label>
              <Text size="xs" c="dimmed">
                This filtered list ({filterCount} {filterCount === 1 ? 'filter' : 'filters'})
              </Text>
            </Menu.Label>
            {items(filtered)}
            <Menu.Divider />
          </>
        )}
        <Menu.Label>
          <Text size="xs" c="dimmed">
            All partners × involvements{includeArchived ? ', archived included' : ''}
          </Text>
        </Menu.Label>
        {items(all)}
      </Menu.Dropdown>
    </Menu>
  );
}
