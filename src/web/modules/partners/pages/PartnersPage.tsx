import { useState } from 'react';
import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import {
  IconBuildingStore,
  IconFileImport,
  IconInfoCircle,
  IconMailForward,
  IconPlus,
} from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { ListFooter } from '../../../ui/LoadMore';
import { plural } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { ExportMenu } from '../../exchange/components/ExportMenu';
import { PartnerFilterBar } from '../components/PartnerFilterBar';
import { PartnerFormModal } from '../components/PartnerFormModal';
import { PARTNER_TABLE_WIDTH, partnerPath, PartnerRows } from '../components/PartnerRows';
import { useNarrowerThan } from '../../../ui/usePhone';
import {
  activeFilterCount,
  filtersToParams,
  hasLinkFilter,
  listQuery,
  NO_FILTERS,
  usePartnerFilters,
} from '../filters';
import { useCurrency, usePartnerList } from '../hooks';

/** The partnerships directory (reference §3.1): filters in the address, per-partner link metrics. */
export default function PartnersPage() {
  const me = useUser();
  const navigate = useNavigate();
  const compact = useNarrowerThan(PARTNER_TABLE_WIDTH);
  const [filters, setFilters] = usePartnerFilters();
  const list = usePartnerList(filters);
  const currency = useCurrency();
  const [formOpen, setFormOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const mayCreate = can(me.permissions, 'partners.create');
  const mayEmail = can(me.permissions, 'communications.create');
  const partners = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hidden = list.data?.pages[0]?.hiddenCount ?? 0;
  const filtered = activeFilterCount(filters) > 0;
  const query = filtersToParams(filters).toString();

  return (
    <>
      <PageHeader
        title="Partners"
        description="Every organisation you work with, with its event involvements and pipeline."
        actions={
          <>
            {mayEmail && (
              <Button
                variant="default"
                component={Link}
                to={`/partnerships/email${query ? `?${query}` : ''}`}
                leftSection={<IconMailForward size={16} />}
              >
                Email these partners
              </Button>
            )}
            <ExportMenu
              includeArchived={filters.includeArchived}
              filter={listQuery(filters)}
              filterCount={activeFilterCount(filters)}
            />
            {mayCreate && (
              <Button
                variant="default"
                component={Link}
                to="/partnerships/import"
                leftSection={<IconFileImport size={16} />}
              >
                Import
              </Button>
            )}
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
          <PartnerFilterBar filters={filters} onChange={setFilters} />
          {hasLinkFilter(filters) && (
            <Text size="xs" c="dimmed">
              <IconInfoCircle size={13} style={{ verticalAlign: -2 }} /> Figures count only the involvements
              that match the status, event and package tier filters.
            </Text>
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
                <Button
                  variant="light"
                  onClick={() => setFilters({ ...NO_FILTERS, includeArchived: filters.includeArchived })}
                >
                  Clear filters
                </Button>
              ) : (
                mayCreate && (
                  <Button variant="light" component={Link} to="/partnerships/import">
                    Import partners
                  </Button>
                )
              )
            }
          />
        ) : (
          <PartnerRows
            partners={partners}
            loading={list.isPending}
            dimmed={list.isPlaceholderData}
            currency={currency}
            compact={compact}
          />
        )}
        {hidden > 0 && (
          <Alert variant="light" color="gray" radius={0} icon={<IconInfoCircle size={16} />}>
            {plural(hidden, 'more partner matches', 'more partners match')} but {hidden === 1 ? 'is' : 'are'}{' '}
            private to other teams.
          </Alert>
        )}
        {partners.length > 0 && (
          <ListFooter query={list} shown={partners.length} noun="partner" testId="partners-count" />
        )}
      </Card>
      {formOpen && (
        <PartnerFormModal
          key={formKey}
          partner={null}
          opened={formOpen}
          onClose={() => setFormOpen(false)}
          onCreated={(p) => void navigate(partnerPath(p.id))}
        />
      )}
    </>
  );
}
