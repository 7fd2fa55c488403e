/**
 * The partner at a glance: key facts, how many records each tab holds, and the short lists the guide asks
 * for — consultants with their contact details, managed accounts, open cases, open deals, recent activity.
 */
import type { ReactNode } from 'react';
import {
  Anchor,
  Badge,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { formatMoney } from '../../../../shared/money';
import { can, type Permission } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { formatDate, formatRelative } from '../../../ui/format';
import { scopedItems } from '../../../ui/scopedPages';
import { useManagedAccounts } from '../../accounts/hooks';
import { usePartnerActivities } from '../../activities/hooks';
import { ACTIVITY_TYPE_META } from '../../activities/labels';
import { usePartnerCases } from '../../cases/hooks';
import { CASE_PRIORITY_COLORS, CASE_PRIORITY_LABELS, CASE_STATUS_LABELS } from '../../cases/labels';
import { usePartnerOpportunities } from '../../opportunities/hooks';
import type { Partner } from '../api';
import { useContacts } from '../hooks';
import { usePartnerTabCounts, type PartnerTabCounts } from './counts';
import { useShowTab } from './useShowTab';

const SHOWN = 5;

function Section({
  title,
  tab,
  count,
  children,
}: {
  title: string;
  tab: string;
  count?: number;
  children: ReactNode;
}) {
  const showTab = useShowTab();
  return (
    <Paper withBorder radius="md" p="md" data-testid={`overview-${tab}`}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap={6}>
          <Text fw={650} size="sm">
            {title}
          </Text>
          {count !== undefined && (
            <Badge size="sm" variant="light" color="gray" circle={count < 10}>
              {count}
            </Badge>
          )}
        </Group>
        <Anchor component="button" size="xs" onClick={() => showTab(tab)}>
          <Group gap={2} wrap="nowrap">
            See all <IconArrowRight size={12} />
          </Group>
        </Anchor>
      </Group>
      {children}
    </Paper>
  );
}

function Quiet({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function Loading() {
  return (
    <Stack gap={8}>
      <Skeleton height={14} width="80%" />
      <Skeleton height={14} width="60%" />
      <Skeleton height={14} width="70%" />
    </Stack>
  );
}

function Row({ left, sub, right }: { left: ReactNode; sub?: ReactNode; right?: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} truncate="end">
          {left}
        </Text>
        {sub && (
          <Text size="xs" c="dimmed" truncate="end">
            {sub}
          </Text>
        )}
      </Stack>
      {right && <div style={{ flexShrink: 0, textAlign: 'right' }}>{right}</div>}
    </Group>
  );
}

const TILES: { key: string; label: string; permission: Permission; n(c: PartnerTabCounts): number }[] = [
  { key: 'people', label: 'Consultants', permission: 'consultants.view', n: (c) => c.consultants.count },
  { key: 'accounts', label: 'Managed accounts', permission: 'accounts.view', n: (c) => c.accounts.count },
  { key: 'cases', label: 'Cases', permission: 'cases.view', n: (c) => c.cases.count },
  { key: 'leads', label: 'Leads', permission: 'leads.view', n: (c) => c.leads.count },
  {
    key: 'opportunities',
    label: 'Opportunities',
    permission: 'opportunities.view',
    n: (c) => c.opportunities.count,
  },
  {
    key: 'activities',
    label: 'Sales activities',
    permission: 'activities.view',
    n: (c) => c.activities.count,
  },
  { key: 'comments', label: 'Comments', permission: 'partners.view', n: (c) => c.comments },
];

function CountTiles({ partner }: { partner: Partner }) {
  const me = useUser();
  const counts = usePartnerTabCounts(partner.id);
  const showTab = useShowTab();
  const tiles = TILES.filter((t) => can(me.permissions, t.permission));
  return (
    // Columns by the tab's own width (beside the sidebar on a tablet it is narrower than the screen
    // suggests), so that each tile's label fits: "Sales activities" needs about 120 px.
    <SimpleGrid
      type="container"
      cols={{ base: 2, '420px': 3, '560px': 4, '980px': 7 }}
      spacing="xs"
      data-testid="overview-counts"
    >
      {tiles.map((t) => (
        <UnstyledButton
          key={t.key}
          onClick={() => showTab(t.key)}
          aria-label={`${t.label}: ${counts.data ? t.n(counts.data) : '…'}`}
        >
          <Paper withBorder radius="md" px="sm" py={8} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" fw={600} truncate="end">
              {t.label}
            </Text>
            {counts.data ? (
              <Text fz={20} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t.n(counts.data).toLocaleString()}
              </Text>
            ) : (
              <Skeleton height={22} width={32} mt={4} />
            )}
          </Paper>
        </UnstyledButton>
      ))}
    </SimpleGrid>
  );
}

function KeyFacts({ partner: p }: { partner: Partner }) {
  const place = [p.city, p.region, p.country].filter(Boolean).join(', ');
  const facts: [string, ReactNode][] = [
    ['Level', p.levelName ?? '—'],
    ['Status', p.status === 'active' ? 'Active' : 'Inactive'],
    ['Owner', p.ownerName ?? '—'],
    ['Industry', p.industry || '—'],
    ['Location', place || '—'],
    ['Primary contact', p.primaryContactName ?? '—'],
    [
      'Visible to',
      p.visibility === 'everyone' ? 'Everyone' : p.visibility === 'team' ? "Owner's team" : 'Owner only',
    ],
    ['Partner since', formatDate(p.createdAt)],
  ];
  return (
    <Paper withBorder radius="md" p="md" data-testid="overview-facts">
      <Text fw={650} size="sm" mb="sm">
        Key facts
      </Text>
      <SimpleGrid type="container" cols={{ base: 2, '600px': 4 }} spacing="sm" verticalSpacing="xs">
        {facts.map(([label, value]) => (
          <Stack key={label} gap={0} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="sm" fw={500} truncate="end">
              {value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {p.notes && (
        <Text size="sm" c="dimmed" mt="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
          {p.notes}
        </Text>
      )}
    </Paper>
  );
}

function Consultants({ partner }: { partner: Partner }) {
  const q = useContacts(partner.id);
  const items = [...(q.data?.items ?? [])].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  return (
    <Section title="Consultants" tab="people" count={q.data?.items.length}>
      {q.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Quiet>No consultants yet.</Quiet>
      ) : (
        <Stack gap="xs">
          {items.slice(0, SHOWN).map((c) => (
            <Row
              key={c.id}
              left={
                <>
                  {c.name}
                  {c.isPrimary && (
                    <Badge size="xs" color="indigo" variant="light" ml={6}>
                      Primary
                    </Badge>
                  )}
                </>
              }
              sub={
                [c.title, c.email, c.phone || c.mobile].filter(Boolean).join(' · ') || 'No contact details'
              }
            />
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Accounts({ partner }: { partner: Partner }) {
  const q = useManagedAccounts(partner.id);
  const { items } = scopedItems(q.data);
  return (
    <Section title="Managed accounts" tab="accounts" count={q.data ? items.length : undefined}>
      {q.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Quiet>{partner.name} manages no customer accounts yet.</Quiet>
      ) : (
        <Stack gap="xs">
          {items.slice(0, SHOWN).map((a) => (
            <Row
              key={a.id}
              left={a.name}
              sub={[a.industry, a.city].filter(Boolean).join(' · ') || undefined}
              right={
                <Text size="xs" c="dimmed">
                  since {formatDate(a.managedSince)}
                </Text>
              }
            />
          ))}
        </Stack>
      )}
    </Section>
  );
}

function OpenCases({ partner }: { partner: Partner }) {
  const open = usePartnerCases(partner.id, { status: 'open' });
  const progress = usePartnerCases(partner.id, { status: 'in_progress' });
  const items = [...scopedItems(progress.data).items, ...scopedItems(open.data).items];
  return (
    <Section title="Open cases" tab="cases">
      {open.isPending || progress.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Quiet>No open cases.</Quiet>
      ) : (
        <Stack gap="xs">
          {items.slice(0, SHOWN).map((c) => (
            <Row
              key={c.id}
              left={c.subject}
              sub={`${CASE_STATUS_LABELS[c.status]} · ${c.assigneeName ?? 'Unassigned'}${c.dueDate ? ` · due ${formatDate(c.dueDate)}` : ''}`}
              right={
                <Badge size="xs" variant="light" color={CASE_PRIORITY_COLORS[c.priority]}>
                  {CASE_PRIORITY_LABELS[c.priority]}
                </Badge>
              }
            />
          ))}
        </Stack>
      )}
    </Section>
  );
}

function OpenDeals({ partner }: { partner: Partner }) {
  const q = usePartnerOpportunities(partner.id, { outcome: 'open' });
  const { items } = scopedItems(q.data);
  return (
    <Section title="Open opportunities" tab="opportunities">
      {q.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Quiet>No open opportunities.</Quiet>
      ) : (
        <Stack gap="xs">
          {items.slice(0, SHOWN).map((d) => (
            <Row
              key={d.id}
              left={d.name}
              sub={`${d.stageName} · ${d.probability} %${d.expectedCloseDate ? ` · closes ${formatDate(d.expectedCloseDate)}` : ''}`}
              right={
                <Text size="sm" fw={600}>
                  {formatMoney(d.amount, d.currency)}
                </Text>
              }
            />
          ))}
        </Stack>
      )}
    </Section>
  );
}

function RecentActivity({ partner }: { partner: Partner }) {
  const q = usePartnerActivities(partner.id, SHOWN);
  const items = q.data?.pages[0]?.items ?? [];
  return (
    <Section title="Recent activity" tab="activities">
      {q.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Quiet>No sales activities logged yet.</Quiet>
      ) : (
        <Stack gap="xs">
          {items.map((a) => {
            const meta = ACTIVITY_TYPE_META[a.type];
            return (
              <Group key={a.id} gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon size={26} radius="xl" variant="light" color={meta.color}>
                  <meta.icon size={14} />
                </ThemeIcon>
                <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm" fw={500} truncate="end">
                    {a.subject}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    {meta.label} · {formatRelative(a.occurredAt)}
                    {a.ownerName ? ` · ${a.ownerName}` : ''}
                    {a.outcome ? ` · ${a.outcome}` : ''}
                  </Text>
                </Stack>
              </Group>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}

export function OverviewTab({ partner }: { partner: Partner }) {
  const me = useUser();
  const may = (p: Permission) => can(me.permissions, p);
  return (
    <Stack gap="md" data-testid="partner-overview">
      <CountTiles partner={partner} />
      <KeyFacts partner={partner} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {may('consultants.view') && <Consultants partner={partner} />}
        {may('opportunities.view') && <OpenDeals partner={partner} />}
        {may('accounts.view') && <Accounts partner={partner} />}
        {may('cases.view') && <OpenCases partner={partner} />}
      </SimpleGrid>
      {may('activities.view') && <RecentActivity partner={partner} />}
    </Stack>
  );
}
