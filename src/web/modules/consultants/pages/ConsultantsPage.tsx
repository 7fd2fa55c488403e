import { Anchor, Badge, Button, Card, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconFileImport, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { Link } from 'react-router';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { CardList, CardListItem } from '../../../ui/CardList';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { useNarrowerThan } from '../../../ui/usePhone';
import { useUrlSearch } from '../../../ui/useUrlSearch';
import { importPath } from '../../exchange/importKinds';
import type { Contact as Consultant } from '../../partners/api';
import { managePartnerPath } from '../../partners/components/partnerColumns';
import { useConsultantList } from '../hooks';
import { LoadMore } from '../../../ui/LoadMore';

const phoneNumber = (c: Consultant) => c.phone || c.mobile;

/** The name, and a badge on the partner's primary contact. */
function Name({ c }: { c: Consultant }) {
  return (
    <>
      {c.name}{' '}
      {c.isPrimary && (
        <Badge size="xs" variant="light" tt="none">
          Primary
        </Badge>
      )}
    </>
  );
}

/** The people of every partner the user may see, by last name, with the way in to import more. */
/** What the table's columns need; narrower content gets the cards. */
const TABLE_WIDTH = 720;

export default function ConsultantsPage() {
  const me = useUser();
  const search = useUrlSearch();
  const list = useConsultantList(search.q);
  const phone = useNarrowerThan(TABLE_WIDTH);
  const people = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mayImport = can(me.permissions, 'consultants.create');

  const importButton = mayImport && (
    <Button
      variant="default"
      component={Link}
      to={importPath('consultants')}
      leftSection={<IconFileImport size={16} />}
    >
      Import
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Consultants"
        description="The people at your partners: who they are, where they work and how to reach them."
        actions={importButton}
      />
      <Card radius="lg" p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="sm">
          <TextInput
            aria-label="Search consultants"
            placeholder="Search name, email or partner"
            leftSection={<IconSearch size={16} />}
            value={search.text}
            onChange={(e) => search.setText(e.currentTarget.value)}
            maw={420}
          />
          {list.isError ? (
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          ) : !list.isPending && people.length === 0 ? (
            <Empty
              icon={<IconUsersGroup size={22} />}
              title={search.q ? 'Nobody matches' : 'No consultants yet'}
              description={
                search.q
                  ? 'Try another search.'
                  : 'Add people on a partner’s page, or import a list from a CSV or Excel file.'
              }
              action={!search.q && importButton}
            />
          ) : phone ? (
            <CardList testId="consultants-table" loading={list.isPending} rows={5}>
              {people.map((c) => (
                <CardListItem
                  key={c.id}
                  testId="consultant-row"
                  title={<Name c={c} />}
                  subtitle={c.title}
                  status={
                    <Anchor component={Link} to={managePartnerPath(c.organizationId)} size="sm">
                      {c.organizationName}
                    </Anchor>
                  }
                  value={
                    phoneNumber(c) && (
                      <Anchor href={`tel:${phoneNumber(c)}`} size="sm" fw={400}>
                        {phoneNumber(c)}
                      </Anchor>
                    )
                  }
                  meta={[
                    c.email && (
                      <Anchor href={`mailto:${c.email}`} size="xs">
                        {c.email}
                      </Anchor>
                    ),
                  ]}
                />
              ))}
            </CardList>
          ) : (
            <Table.ScrollContainer minWidth={TABLE_WIDTH}>
              <Table highlightOnHover verticalSpacing="xs" data-testid="consultants-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Partner</Table.Th>
                    <Table.Th>Email</Table.Th>
                    <Table.Th>Phone</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                {list.isPending ? (
                  <TableSkeleton cols={4} rows={5} />
                ) : (
                  <Table.Tbody>
                    {people.map((c) => (
                      <Table.Tr key={c.id} data-testid="consultant-row">
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            <Name c={c} />
                          </Text>
                          {c.title && (
                            <Text size="xs" c="dimmed">
                              {c.title}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={managePartnerPath(c.organizationId)} size="sm">
                            {c.organizationName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          {c.email ? (
                            <Anchor href={`mailto:${c.email}`} size="sm">
                              {c.email}
                            </Anchor>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{phoneNumber(c) || '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                )}
              </Table>
            </Table.ScrollContainer>
          )}
          <LoadMore query={list} />
        </Stack>
      </Card>
    </>
  );
}
