import type { ReactNode } from 'react';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconBrandLinkedin, IconMail, IconPhone, IconWorld } from '@tabler/icons-react';
import { formatMoney } from '../../../../shared/money';
import { StatTile } from '../../../ui/StatTile';
import type { Partner } from '../api';
import { StatusChips } from './StatusChips';

const href = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

function Contact({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      {icon}
      {children}
    </Group>
  );
}

/** Badges and the line under the partner's name: primary contact, tier, owner. */
export function PartnerSubtitle({ partner: p }: { partner: Partner }) {
  const parts = [
    p.primaryContactName ? `Primary contact: ${p.primaryContactName}` : 'No primary contact',
    p.levelName ? `${p.levelName} partner` : null,
    p.ownerName ? `Owner: ${p.ownerName}` : null,
  ].filter(Boolean);
  return (
    <Group gap="xs" wrap="wrap" component="span">
      {p.isAlumni && (
        <Badge color="grape" variant="light">
          Alumni
        </Badge>
      )}
      {p.archivedAt && (
        <Badge color="gray" variant="filled">
          Archived
        </Badge>
      )}
      <Text span size="sm" c="dimmed">
        {parts.join(' · ')}
      </Text>
    </Group>
  );
}

/** The partner's ways to reach them and the four stat tiles of reference §3.1. */
export function PartnerSummary({ partner: p, currency }: { partner: Partner; currency: string }) {
  const m = p.metrics;
  const tiles = [
    { label: 'Relationships', value: m.relationshipCount.toLocaleString(), hint: 'event involvements' },
    { label: 'Confirmed', value: m.confirmedCount.toLocaleString(), hint: 'involvements' },
    { label: 'Paid', value: m.paidCount.toLocaleString(), hint: 'involvements' },
    {
      label: 'Pipeline value',
      value: formatMoney(m.totalAmount, currency),
      hint: `${formatMoney(m.securedAmount, currency)} secured`,
    },
  ];
  const dim = (
    <Text c="dimmed" size="sm">
      —
    </Text>
  );
  return (
    <Stack gap="md" mb="lg">
      <Paper withBorder radius="md" p="md">
        <Group gap="lg" style={{ rowGap: 8 }} wrap="wrap">
          <Contact icon={<IconMail size={16} color="var(--mantine-color-dimmed)" />}>
            {p.email ? (
              <Anchor href={`mailto:${p.email}`} size="sm" truncate="end">
                {p.email}
              </Anchor>
            ) : (
              dim
            )}
          </Contact>
          <Contact icon={<IconPhone size={16} color="var(--mantine-color-dimmed)" />}>
            {p.phone ? (
              <Anchor href={`tel:${p.phone.replace(/[^+\d]/g, '')}`} size="sm">
                {p.phone}
              </Anchor>
            ) : (
              dim
            )}
          </Contact>
          <Contact icon={<IconWorld size={16} color="var(--mantine-color-dimmed)" />}>
            {p.website ? (
              <Anchor href={href(p.website)} target="_blank" rel="noreferrer" size="sm" truncate="end">
                {p.website.replace(/^https?:\/\/(www\.)?/i, '')}
              </Anchor>
            ) : (
              dim
            )}
          </Contact>
          <Contact icon={<IconBrandLinkedin size={16} color="var(--mantine-color-dimmed)" />}>
            {p.linkedin ? (
              <Anchor href={href(p.linkedin)} target="_blank" rel="noreferrer" size="sm">
                LinkedIn
              </Anchor>
            ) : (
              dim
            )}
          </Contact>
        </Group>
        {(m.statusBreakdown.length > 0 || p.tags.length > 0) && (
          <Group gap="xs" mt="sm" wrap="wrap">
            <StatusChips breakdown={m.statusBreakdown} />
            {p.tags.map((t) => (
              <Badge key={t} variant="dot" color="gray" tt="none">
                {t}
              </Badge>
            ))}
          </Group>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="partner-stats">
        {tiles.map((t) => (
          <StatTile key={t.label} label={t.label} value={t.value} hint={t.hint} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
