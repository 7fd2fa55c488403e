/**
 * The address of one consultant, account, case, lead, opportunity or sales activity (notifications and
 * mentions link to /leads/:id and the like). These records are shown on their partner's page, so this page
 * looks the record up and moves on to that tab with the record opened (`?open=`), keeping any #comment-…
 * anchor. A record without a partner goes to its kind's list where there is one.
 */
import { useEffect } from 'react';
import { Button, Center, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { api } from '../../../api/client';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';

/** Each kind of address: its API, the field naming its partner, the partner tab it lives on, its own list. */
export const RECORD_ADDRESSES = {
  consultants: { api: 'consultants', partnerField: 'organizationId', tab: 'people', list: '/consultants' },
  accounts: { api: 'accounts', partnerField: 'managedById', tab: 'accounts', list: null },
  cases: { api: 'cases', partnerField: 'organizationId', tab: 'cases', list: null },
  leads: { api: 'leads', partnerField: 'partnerId', tab: 'leads', list: '/leads' },
  opportunities: { api: 'opportunities', partnerField: 'partnerId', tab: 'opportunities', list: null },
  activities: { api: 'activities', partnerField: 'partnerId', tab: 'activities', list: null },
} as const;
export type RecordKind = keyof typeof RECORD_ADDRESSES;

const recordSchema = z.looseObject({
  organizationId: z.string().nullish(),
  managedById: z.string().nullish(),
  partnerId: z.string().nullish(),
});

/** Where a record of `kind` with these fields is shown; null when it belongs to no partner. */
export function recordDestination(
  kind: RecordKind,
  id: string,
  record: z.infer<typeof recordSchema>,
  hash: string,
): string | null {
  const where = RECORD_ADDRESSES[kind];
  const partnerId = record[where.partnerField];
  if (!partnerId) return where.list && `${where.list}?open=${encodeURIComponent(id)}${hash}`;
  return `/partners/${partnerId}?tab=${where.tab}&open=${encodeURIComponent(id)}${hash}`;
}

export function RecordRedirectPage({ kind }: { kind: RecordKind }) {
  const { id = '' } = useParams();
  const { hash } = useLocation();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: [RECORD_ADDRESSES[kind].api, id, 'address'],
    queryFn: () => api.get(`/api/v1/${RECORD_ADDRESSES[kind].api}/${encodeURIComponent(id)}`, recordSchema),
    retry: false,
  });
  const to = q.data ? recordDestination(kind, id, q.data, hash) : null;
  useEffect(() => {
    if (to) void navigate(to, { replace: true });
  }, [to, navigate]);

  if (q.isError) return <ErrorAlert error={q.error} />;
  if (q.data && !to)
    return (
      <Empty
        title="This record has no partner"
        description="It is not linked to a partner, so it has no page of its own yet."
        action={
          <Button component={Link} to="/partners" variant="light">
            Go to partners
          </Button>
        }
      />
    );
  return (
    <Center py={80}>
      <Stack align="center">
        <Loader size="sm" aria-label="Opening the record" />
      </Stack>
    </Center>
  );
}

export default RecordRedirectPage;
