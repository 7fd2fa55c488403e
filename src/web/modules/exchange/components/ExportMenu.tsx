import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { exchangeApi } from '../api';

/**
 * Downloads the partnerships row model (one row per partner × involvement). The export follows the
 * "include archived" switch; it always holds every involvement, so a re-import changes nothing.
 */
export function ExportMenu({ includeArchived }: { includeArchived: boolean }) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={260}>
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
        <Menu.Label>
          <Text size="xs" c="dimmed">
            Partners × involvements{includeArchived ? ', archived included' : ''}
          </Text>
        </Menu.Label>
        <Menu.Item
          component="a"
          href={exchangeApi.exportUrl('csv', includeArchived)}
          download
          leftSection={<IconFileTypeCsv size={16} />}
        >
          CSV
        </Menu.Item>
        <Menu.Item
          component="a"
          href={exchangeApi.exportUrl('xlsx', includeArchived)}
          download
          leftSection={<IconFileSpreadsheet size={16} />}
        >
          Excel (XLSX)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
