import { Anchor, Button, Card, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { IconFileImport, IconSearch, IconTargetArrow } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { LEAD_STATUSES } from '../../../../shared/leads.schema';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { CardList, CardListItem } from '../../../ui/CardList';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { PageHeader } from '../../../ui/PageHeader';
import { useNarrowerThan } from '../../../ui/usePhone';
import { useUrlSearch } from '../../../ui/useUrlSearch';
import { importPath } from '../../exchange/importKinds';
import { managePartnerPath } from '../../partners/components/partnerColumns';
import type { Lead } from '../api';
import { useLeadList } from '../hooks';
import { LeadIdentity, LeadStatusBadge, leadSubtitle, leadValue } from '../components/LeadParts';
import { LEAD_SOURCE_LABELS, LEAD_STATUS_LABELS } from '../labels';
import { LoadMore } from '../../../ui/LoadMore';
import { LinkedRowNotice, useLinkedRow } from '../../../ui/linkedRow';

const STATUS_OPTIONS = LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABELS[s] }));

const partnerLink = (l: Lead, size: 'sm' | 'xs' = 'sm') =>
  l.partnerId && (
    <Anchor component={Link} to={managePartnerPath(l.partnerId)} size={size}>
      {l.partnerName}
    </Anchor>
  );

/** Every lead the user may see, across partners and campaigns, with the way in to import more. */
/** What the table's columns need; narrower content gets the cards. */
const TABLE_WIDTH = 860;

export default function LeadsPage() {
  const me = useUser();
  const [params, setParams] = useSearchParams();
  const search = useUrlSearch();
  const status = params.get('status');
  const list = useLeadList({ q: search.q, status });
  const phone = useNarrowerThan(TABLE_WIDTH);
  const leads = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hidden = list.data?.pages.at(-1)?.hiddenCount ?? null;
  const filtered = search.q !== '' || status !== null;
  const mayImport = can(me.permissions, 'leads.create');
  const linked = useLinkedRow(
    leads.map((l) => l.id),
    !list.isPending && !list.hasNextPage,
  );

  const importButton = mayImport && (
    <Button
      variant="default"
      component={Link}
      to={importPath('leads')}
      leftSection={<IconFileImport size={16} />}
    >
      Import
    </Button>
  );
  const setStatus = (v: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (v) next.set('status', v);
      else next.delete('status');
      return next;
    });

  return (
    <>
      <PageHeader
        title="Leads"
        description="Potential customers from every partner, campaign and event, most recently changed first."
        actions={importButton}
      />
      <Card radius="lg" p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="sm">
          <LinkedRowNotice linked={linked} noun="lead" />
          <Group gap="xs" wrap="wrap">
            <TextInput
              aria-label="Search leads"
              placeholder="Search name, company or email"
              leftSection={<IconSearch size={16} />}
              value={search.text}
              onChange={(e) => search.setText(e.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
            />
            <Select
              aria-label="Filter by status"
              placeholder="Any status"
              data={STATUS_OPTIONS}
              value={status}
              onChange={setStatus}
              clearable
              w={{ base: '100%', xs: 180 }}
            />
          </Group>
          {list.isError ? (
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          ) : !list.isPending && leads.length === 0 ? (
            <Empty
              icon={<IconTargetArrow size={22} />}
              title={filtered ? 'No lead matches' : 'No leads yet'}
              description={
                filtered
                  ? 'Try another search or status.'
                  : 'Add leads on a partner’s Leads tab, or import a list from a CSV or Excel file.'
              }
              action={!filtered && importButton}
            />
          ) : phone ? (
            <CardList testId="leads-table" loading={list.isPending} rows={5}>
              {leads.map((l) => (
                <CardListItem
                  key={l.id}
                  testId="lead-row"
                  linked={linked.id === l.id}
                  title={l.name}
                  subtitle={leadSubtitle(l)}
                  status=<LeadStatusBadge lead={l} />
                  value={l.estimatedValue !== null && leadValue(l)}
                  meta={[partnerLink(l, 'xs'), LEAD_SOURCE_LABELS[l.source], l.ownerName ?? 'No owner']}
                />
              ))}
            </CardList>
          ) : (
            <Table.ScrollContainer minWidth={TABLE_WIDTH}>
              <Table highlightOnHover verticalSpacing="xs" data-testid="leads-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Lead</Table.Th>
                    <Table.Th>Partner</Table.Th>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th ta="right">Est. value</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                {list.isPending ? (
                  <TableSkeleton cols={6} rows={5} />
                ) : (
                  <Table.Tbody>
                    {leads.map((l) => (
                      <Table.Tr key={l.id} data-testid="lead-row" {...linked.rowProps(l.id)}>
                        <Table.Td>
                          <LeadIdentity lead={l} />
                        </Table.Td>
                        <Table.Td miw={130}>{partnerLink(l) ?? '—'}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{LEAD_SOURCE_LABELS[l.source]}</Table.Td>
                        <Table.Td miw={120}>
                          <LeadStatusBadge lead={l} />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{l.ownerName ?? '—'}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {leadValue(l)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                )}
              </Table>
            </Table.ScrollContainer>
          )}
          <LoadMore query={list} />
          <HiddenNotice count={hidden} singular="lead" />
        </Stack>
      </Card>
    </>
  );
}
