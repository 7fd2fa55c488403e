import { useState } from 'react';
import { Button, Group, Modal, Paper, Select, Stack, Text, TagsInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconRestore,
  IconTag,
  IconUserShare,
  IconX,
} from '@tabler/icons-react';
import { BULK_MAX } from '../../../../shared/partnerLifecycle.schema';
import { errorMessage } from '../../../api/client';
import { plural } from '../../../ui/format';
import { useOwnerOptions } from '../../links/hooks';
import type { PartnerBulk } from '../api';
import { useBulkPartners, useFilterOptions } from '../hooks';

type Ask = 'owner' | 'tag' | null;

/** What to do with the selected partners: archive, change owner, add a tag, export. */
export function BulkActionBar({
  ids,
  mayEdit,
  showUnarchive,
  onClear,
  onExport,
  exporting,
}: {
  ids: string[];
  mayEdit: boolean;
  showUnarchive: boolean;
  onClear: () => void;
  onExport: (format: 'csv' | 'xlsx') => void;
  exporting: boolean;
}) {
  const bulk = useBulkPartners();
  const owners = useOwnerOptions();
  const options = useFilterOptions();
  const [ask, setAsk] = useState<Ask>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [tag, setTag] = useState<string[]>([]);
  const tooMany = ids.length > BULK_MAX;

  const run = (input: PartnerBulk, done: (changed: number, unchanged: number) => string) =>
    bulk.mutate(input, {
      onSuccess: (r) => {
        notifications.show({ color: 'teal', message: done(r.changed, r.unchanged) });
        setAsk(null);
        onClear();
      },
      onError: (e) =>
        notifications.show({ color: 'red', title: 'Nothing was changed', message: errorMessage(e) }),
    });

  const archive = () =>
    modals.openConfirmModal({
      title: `Archive ${plural(ids.length, 'partner')}?`,
      children: (
        <Text size="sm">
          They leave the list (unless “Include archived” is on) and keep all their records. You can restore
          them at any time.
        </Text>
      ),
      labels: { confirm: 'Archive', cancel: 'Cancel' },
      confirmProps: { color: 'orange' },
      onConfirm: () =>
        run(
          { action: 'archive', ids },
          (c, u) => `${plural(c, 'partner')} archived${u ? `; ${u} already were` : ''}.`,
        ),
    });

  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py={8}
      bg="var(--mantine-primary-color-light)"
      data-testid="bulk-bar"
    >
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {plural(ids.length, 'partner')} selected
          {tooMany && (
            <Text span size="sm" c="red" fw={400}>
              {' '}
              · changes take at most {BULK_MAX} at once
            </Text>
          )}
        </Text>
        <Group gap={6} wrap="wrap">
          {mayEdit && (
            <>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconArchive size={14} />}
                onClick={archive}
                disabled={tooMany}
              >
                Archive
              </Button>
              {showUnarchive && (
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconRestore size={14} />}
                  disabled={tooMany}
                  loading={bulk.isPending && bulk.variables?.action === 'unarchive'}
                  onClick={() =>
                    run(
                      { action: 'unarchive', ids },
                      (c) => `${plural(c, 'partner')} restored from the archive.`,
                    )
                  }
                >
                  Unarchive
                </Button>
              )}
              <Button
                size="xs"
                variant="default"
                leftSection={<IconUserShare size={14} />}
                onClick={() => setAsk('owner')}
                disabled={tooMany}
              >
                Change owner
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconTag size={14} />}
                onClick={() => setAsk('tag')}
                disabled={tooMany}
              >
                Add tag
              </Button>
            </>
          )}
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileTypeCsv size={14} />}
            onClick={() => onExport('csv')}
            loading={exporting}
          >
            Export CSV
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileSpreadsheet size={14} />}
            onClick={() => onExport('xlsx')}
            loading={exporting}
          >
            Export XLSX
          </Button>
          <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
            Clear selection
          </Button>
        </Group>
      </Group>

      <Modal
        opened={ask === 'owner'}
        onClose={() => setAsk(null)}
        title={`Change the owner of ${plural(ids.length, 'partner')}`}
      >
        <Stack gap="md">
          <Select
            label="New owner"
            data={owners}
            value={owner}
            onChange={setOwner}
            searchable
            data-autofocus
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAsk(null)}>
              Cancel
            </Button>
            <Button
              disabled={!owner}
              loading={bulk.isPending}
              onClick={() =>
                owner &&
                run(
                  { action: 'change_owner', ids, ownerId: owner },
                  (c, u) =>
                    `${plural(c, 'partner')} now owned by ${owners.find((o) => o.value === owner)?.label.replace(/ \(you\)$/, '') ?? 'the new owner'}${u ? `; ${u} already were` : ''}.`,
                )
              }
            >
              Change owner
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={ask === 'tag'}
        onClose={() => setAsk(null)}
        title={`Add a tag to ${plural(ids.length, 'partner')}`}
      >
        <Stack gap="md">
          <TagsInput
            label="Tag"
            description="Pick an existing tag or type a new one and press Enter."
            data={options.data?.tags ?? []}
            value={tag}
            onChange={(v) => setTag(v.slice(-1))}
            maxTags={1}
            data-autofocus
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAsk(null)}>
              Cancel
            </Button>
            <Button
              disabled={!tag[0]}
              loading={bulk.isPending}
              onClick={() =>
                tag[0] &&
                run(
                  { action: 'add_tag', ids, tag: tag[0] },
                  (c, u) => `Tagged ${plural(c, 'partner')} “${tag[0]}”${u ? `; ${u} already had it` : ''}.`,
                )
              }
            >
              Add tag
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
