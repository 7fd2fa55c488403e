import { describe, expect, it } from 'vitest';
import type { ActionItem, Overview } from '../../../shared/overview.schema';
import { leavesQueue, withoutItem } from './queue';

const TODAY = '2026-03-15';

function item(over: Partial<ActionItem>): ActionItem {
  return {
    id: 'link-follow-up-1',
    type: 'follow_up',
    source: 'partner_link',
    sourceId: '1',
    title: 'Acme (Ann Lee)',
    description: 'Blueprint • Pitched',
    partnerId: 'p1',
    partnerName: 'Acme',
    companyName: 'Acme',
    eventId: 'e1',
    eventIdYear: 'e1#2026',
    eventName: 'Blueprint',
    eventYear: 2026,
    dueDate: '2026-03-10',
    daysUntilDue: -5,
    isOverdue: true,
    priority: 0,
    status: 'pitched',
    statusLabel: 'Pitched',
    amount: 2000,
    staleDays: null,
    updatedAt: '2026-03-01T00:00:00.000Z',
    currency: 'CAD',
    contactId: null,
    contactName: null,
    version: 3,
    canMarkDone: true,
    canEdit: true,
    ...over,
  };
}

describe('which inline changes take an item out of the queue at once', () => {
  const link = item({});
  const comm = item({ id: 'comm-follow-up-2', type: 'communication_follow_up', source: 'communication' });
  const stale = item({ id: 'link-stale-3', type: 'stale_pipeline', dueDate: null, daysUntilDue: null });

  it('done always', () => {
    for (const i of [link, comm]) expect(leavesQueue(i, { kind: 'done' }, TODAY, 21)).toBe(true);
  });

  it('a closed status for a link; an open one only moves it', () => {
    expect(leavesQueue(link, { kind: 'status', status: 'paid' }, TODAY, 21)).toBe(true);
    expect(leavesQueue(link, { kind: 'status', status: 'declined' }, TODAY, 21)).toBe(true);
    expect(leavesQueue(link, { kind: 'status', status: 'backed_out' }, TODAY, 21)).toBe(true);
    expect(leavesQueue(link, { kind: 'status', status: 'confirmed' }, TODAY, 21)).toBe(false);
  });

  it('a follow-up date past the window (today + window days), or none', () => {
    expect(leavesQueue(link, { kind: 'followUp', date: '2026-04-05' }, TODAY, 21)).toBe(false);
    expect(leavesQueue(link, { kind: 'followUp', date: '2026-04-06' }, TODAY, 21)).toBe(true);
    expect(leavesQueue(comm, { kind: 'followUp', date: '2026-03-20' }, TODAY, 7)).toBe(false);
    expect(leavesQueue(comm, { kind: 'followUp', date: '2026-03-23' }, TODAY, 7)).toBe(true);
    expect(leavesQueue(link, { kind: 'followUp', date: null }, TODAY, 21)).toBe(true);
  });

  it('any change to a stale link: it is touched, so no longer stale', () => {
    expect(leavesQueue(stale, { kind: 'status', status: 'pitched' }, TODAY, 21)).toBe(true);
    expect(leavesQueue(stale, { kind: 'followUp', date: '2026-03-16' }, TODAY, 21)).toBe(true);
  });
});

describe('the payload without an item', () => {
  const totals = {
    overdueFollowUps: 3,
    upcomingFollowUps: 2,
    actionItemCount: 6,
    staleItemCount: 2,
  };
  const overview = (items: ActionItem[]) =>
    ({ actionItems: items, totals: { ...totals, partnerCount: 9 } }) as unknown as Overview;
  const overdue = item({});
  const upcoming = item({ id: 'link-follow-up-9', isOverdue: false, dueDate: '2026-03-16', daysUntilDue: 1 });
  const stale = item({
    id: 'link-stale-4',
    type: 'stale_pipeline',
    dueDate: null,
    daysUntilDue: null,
    isOverdue: false,
  });

  it('lowers the count and the overdue figure for an overdue item', () => {
    const after = withoutItem(overview([overdue, upcoming, stale]), overdue.id);
    expect(after.actionItems.map((i) => i.id)).toEqual([upcoming.id, stale.id]);
    expect(after.totals).toMatchObject({
      actionItemCount: 5,
      overdueFollowUps: 2,
      upcomingFollowUps: 2,
      staleItemCount: 2,
    });
    expect(after.totals.partnerCount).toBe(9);
  });

  it('lowers the upcoming figure for a dated item that is not overdue, the stale one for a stale item', () => {
    expect(withoutItem(overview([upcoming]), upcoming.id).totals).toMatchObject({
      actionItemCount: 5,
      overdueFollowUps: 3,
      upcomingFollowUps: 1,
    });
    expect(withoutItem(overview([stale]), stale.id).totals).toMatchObject({
      actionItemCount: 5,
      upcomingFollowUps: 2,
      staleItemCount: 1,
    });
  });

  it('changes nothing for an item it does not list', () => {
    const o = overview([overdue]);
    expect(withoutItem(o, 'comm-follow-up-404')).toBe(o);
  });
});
