/**
 * The Overview computed the plain way, in memory, row by row from the reference's text (§2.4–§2.9) and
 * partnerships.md's decisions — a second implementation for the property test to hold the SQL one to. It
 * shares only the pure rule helpers of src/shared (rounding, pace, timelines, dates, status groups, the
 * queue's order), never the server's scope, aggregation or queue code.
 */
import { EMAIL_SYNC_NOT_CONFIGURED } from '../../shared/mailboxes.schema';
import { addDays, dateInZone, daysBetween, startOfDayInZone, DAY_MS } from '../../shared/dates';
import {
  parseOverviewQuery,
  type ActionItem,
  type Overview,
  type OverviewQuery,
} from '../../shared/overview.schema';
import { compareActionItems } from '../../shared/partnerships/actionQueue';
import { calendarYearRatio, goalProgress, pct, timelineRatio } from '../../shared/partnerships/pace';
import { isClosed, isStaleEligible, statusGroup, statusLabel } from '../../shared/partnerships/statuses';

export interface ModelData {
  organizations: { id: string; name: string; archived: boolean; deleted: boolean }[];
  contacts: { id: string; orgId: string; first: string; last: string; primary: boolean; createdAt: string }[];
  events: {
    id: string;
    name: string;
    year: number;
    outreachStart: string | null;
    startDate: string | null;
    endDate: string | null;
    goal: number | null;
    archived: boolean;
    deleted: boolean;
    updatedAt: string;
  }[];
  links: {
    id: string;
    orgId: string;
    eventId: string;
    status: string;
    amount: number | null;
    followUpDate: string | null;
    contactId: string | null;
    updatedAt: string;
    version: number;
  }[];
  communications: {
    id: string;
    orgId: string;
    eventId: string | null;
    subject: string;
    followUpDate: string | null;
    done: boolean;
    deleted: boolean;
    contactId: string | null;
    updatedAt: string;
    version: number;
  }[];
  annualGoals: { year: number; amount: number }[];
}

export function modelOverview(d: ModelData, query: OverviewQuery, now: Date, timeZone: string): Overview {
  const q = parseOverviewQuery(query);
  const today = dateInZone(now, timeZone);
  const midnight = startOfDayInZone(today, timeZone).getTime();
  const cutoff = addDays(today, q.windowDays);
  const eventById = new Map(d.events.map((e) => [e.id, e]));
  const orgById = new Map(d.organizations.map((o) => [o.id, o]));
  const hiddenEvent = (id: string | null) => {
    const e = id ? eventById.get(id) : undefined;
    return !!e && !e.deleted && e.archived && !q.includeArchived;
  };

  const shown = d.events.filter((e) => !e.deleted && (q.includeArchived || !e.archived));
  const years = [...new Set(shown.map((e) => e.year))].sort((a, b) => b - a);
  const eventYear = q.eventId ? (shown.find((e) => e.id === q.eventId)?.year ?? null) : null;
  let filterYear: number | null = null;
  if (q.yearMode === 'year') filterYear = q.year;
  else if (q.yearMode === 'auto' && !q.eventId) filterYear = years[0] ?? null;
  const selectedYear = q.yearMode === 'year' ? q.year : q.eventId ? eventYear : (years[0] ?? null);

  const scopedEvents = shown
    .filter((e) => (filterYear === null || e.year === filterYear) && (!q.eventId || e.id === q.eventId))
    .sort(
      (a, b) =>
        b.year - a.year ||
        (a.startDate === b.startDate
          ? 0
          : !a.startDate
            ? 1
            : !b.startDate
              ? -1
              : a.startDate < b.startDate
                ? 1
                : -1) ||
        a.name.localeCompare(b.name, 'en') ||
        (a.id < b.id ? -1 : 1),
    );
  const scopedIds = new Set(scopedEvents.map((e) => e.id));
  const links = d.links.filter((l) => {
    const e = eventById.get(l.eventId)!;
    if (hiddenEvent(l.eventId)) return false;
    if (q.eventId && l.eventId !== q.eventId) return false;
    if (filterYear !== null && e.year !== filterYear) return false;
    return scopedIds.size === 0 || scopedIds.has(l.eventId);
  });
  const comms = d.communications.filter((c) => {
    if (c.deleted || hiddenEvent(c.eventId)) return false;
    if (q.eventId && c.eventId !== q.eventId) return false;
    const year = c.eventId ? eventById.get(c.eventId)!.year : null;
    return filterYear === null || year === filterYear;
  });

  const amount = (l: { amount: number | null }) => l.amount ?? 0;
  const sum = (ls: typeof links, keep: (status: string) => boolean = () => true) =>
    ls.filter((l) => keep(l.status)).reduce((s, l) => s + amount(l), 0);
  const secured = (s: string) => statusGroup(s) === 'secured';
  const open = (s: string) => statusGroup(s) === 'open';
  const lost = (s: string) => statusGroup(s) === 'lost';

  const revenueByEvent = scopedEvents.map((e) => {
    const ls = links.filter((l) => l.eventId === e.id);
    const p = goalProgress(
      sum(ls, secured),
      e.goal && e.goal > 0 ? e.goal : 0,
      timelineRatio(e.outreachStart ?? e.startDate, e.endDate, e.year, today),
    );
    const dated = ls.filter((l) => l.followUpDate && !isClosed(l.status));
    const last = ls.reduce((m, l) => (l.updatedAt > m ? l.updatedAt : m), e.updatedAt);
    return {
      eventId: e.id,
      eventIdYear: `${e.id}#${e.year}`,
      eventName: e.name,
      eventYear: e.year,
      archived: e.archived,
      goalAmount: e.goal && e.goal > 0 ? e.goal : 0,
      hasGoal: p.hasGoal,
      committedAmount: sum(ls),
      securedAmount: sum(ls, secured),
      pipelineAmount: sum(ls, open),
      remainingToGoal: p.remainingToGoal,
      progressToGoalPct: p.progressToGoalPct,
      expectedProgressPct: p.expectedProgressPct,
      expectedSecuredByNow: p.expectedSecuredByNow,
      paceDelta: p.paceDelta,
      onTrack: p.onTrack,
      paceStatus: p.paceStatus,
      relationshipCount: ls.length,
      confirmedCount: ls.filter((l) => l.status === 'confirmed').length,
      paidCount: ls.filter((l) => l.status === 'paid').length,
      upcomingFollowUps: dated.filter((l) => l.followUpDate! >= today && l.followUpDate! <= cutoff).length,
      overdueFollowUps: dated.filter((l) => l.followUpDate! < today).length,
      lastActivityAt: last,
      currency: 'CAD',
      lostAmount: sum(ls, lost),
    };
  });

  const primary = (orgId: string) => {
    const c = d.contacts
      .filter((x) => x.orgId === orgId)
      .sort((a, b) => Number(b.primary) - Number(a.primary) || (a.createdAt < b.createdAt ? -1 : 1))[0];
    return (c && `${c.first} ${c.last}`.trim()) || 'Unknown contact';
  };
  const contactName = (id: string | null) => {
    const c = id ? d.contacts.find((x) => x.id === id) : undefined;
    return c ? `${c.first} ${c.last}`.trim() || null : null;
  };
  const items: ActionItem[] = [];
  const base = (
    orgId: string,
    eventId: string | null,
    contactId: string | null,
    updatedAt: string,
    version: number,
  ) => {
    const org = orgById.get(orgId)!;
    const company = org.deleted ? 'Unknown company' : org.name;
    const e = eventId ? eventById.get(eventId)! : null;
    return {
      title: `${company} (${primary(orgId)})`,
      partnerId: orgId,
      partnerName: company,
      companyName: company,
      eventId,
      eventIdYear: e ? `${e.id}#${e.year}` : null,
      eventYear: e?.year ?? null,
      updatedAt,
      contactId,
      contactName: contactName(contactId),
      version,
      // The model is the admin's view: every record is theirs to change.
      canEdit: true,
    };
  };
  for (const l of links) {
    const e = eventById.get(l.eventId)!;
    const label = statusLabel(l.status);
    const common = {
      ...base(l.orgId, l.eventId, l.contactId, l.updatedAt, l.version),
      source: 'partner_link' as const,
    };
    const money = {
      status: l.status,
      statusLabel: label,
      amount: amount(l),
      currency: 'CAD',
      eventName: e.name,
    };
    if (l.followUpDate) {
      if (isClosed(l.status) || l.followUpDate > cutoff) continue;
      const days = daysBetween(today, l.followUpDate);
      items.push({
        ...common,
        ...money,
        id: `link-follow-up-${l.id}`,
        type: 'follow_up',
        sourceId: l.id,
        description: `${e.name} • ${label}`,
        dueDate: l.followUpDate,
        daysUntilDue: days,
        isOverdue: days < 0,
        priority: days < 0 ? 0 : days <= 2 ? 1 : days <= 7 ? 2 : 3,
        staleDays: null,
        canMarkDone: true,
      });
      continue;
    }
    const staleDays = Math.floor((midnight - Date.parse(l.updatedAt)) / DAY_MS);
    if (!isStaleEligible(l.status) || staleDays < 14) continue;
    items.push({
      ...common,
      ...money,
      id: `link-stale-${l.id}`,
      type: 'stale_pipeline',
      sourceId: l.id,
      description: `${e.name} • ${label} • No follow-up set for ${staleDays} days`,
      dueDate: null,
      daysUntilDue: null,
      isOverdue: staleDays >= 30,
      priority: staleDays >= 30 ? 1 : 2,
      staleDays,
      canMarkDone: false,
    });
  }
  for (const c of comms) {
    if (!c.followUpDate || c.done || c.followUpDate > cutoff) continue;
    const days = daysBetween(today, c.followUpDate);
    const eventName = c.eventId ? eventById.get(c.eventId)!.name : 'General';
    items.push({
      ...base(c.orgId, c.eventId, c.contactId, c.updatedAt, c.version),
      id: `comm-follow-up-${c.id}`,
      type: 'communication_follow_up',
      source: 'communication',
      sourceId: c.id,
      eventName,
      description: `${c.subject || 'Follow-up needed'} • ${eventName}`,
      dueDate: c.followUpDate,
      daysUntilDue: days,
      isOverdue: days < 0,
      priority: days < 0 ? 0 : days <= 2 ? 1 : 2,
      status: null,
      statusLabel: null,
      amount: null,
      currency: null,
      staleDays: null,
      canMarkDone: true,
    });
  }
  items.sort(compareActionItems);

  const statuses = [...new Set(links.map((l) => l.status))];
  const total = sum(links);
  const byStatus = statuses
    .map((status) => {
      const ls = links.filter((l) => l.status === status);
      return {
        status,
        label: statusLabel(status),
        count: ls.length,
        amount: sum(ls),
        isSecured: secured(status),
        shareByCountPct: links.length ? pct(ls.length / links.length) : 0,
        shareByAmountPct: total > 0 ? pct(sum(ls) / total) : 0,
        group: statusGroup(status),
      };
    })
    .sort((a, b) => b.amount - a.amount || b.count - a.count || a.label.localeCompare(b.label, 'en'));

  const annualEvents = selectedYear === null ? [] : shown.filter((e) => e.year === selectedYear);
  const annualLinks = d.links.filter((l) => annualEvents.some((e) => e.id === l.eventId));
  const eventGoals = annualEvents.reduce((s, e) => s + (e.goal && e.goal > 0 ? e.goal : 0), 0);
  const explicit = d.annualGoals.find((g) => g.year === selectedYear)?.amount ?? null;
  const goal = explicit ?? eventGoals;
  const ap = goalProgress(
    sum(annualLinks, secured),
    goal,
    selectedYear === null ? 0 : calendarYearRatio(selectedYear, today),
  );
  const partners = d.organizations.filter((o) => !o.deleted);
  const overdue = items.filter((i) => i.isOverdue).length;
  const upcoming = items.filter((i) => i.dueDate && !i.isOverdue).length;
  return {
    generatedAt: now.toISOString(),
    currency: 'CAD',
    scope: {
      selectedYear,
      requestedYear: q.year,
      requestedEventId: q.eventId,
      includeArchived: q.includeArchived,
      upcomingWindowDays: q.windowDays,
      actionLimit: q.actionLimit,
      availableYears: years,
      scopedEventCount: scopedEvents.length,
      yearMode: q.yearMode,
      year: filterYear ?? (q.eventId ? eventYear : null),
      today,
      timeZone,
    },
    totals: {
      partnerCount: partners.length,
      activePartnerCount: partners.filter((o) => !o.archived).length,
      archivedPartnerCount: partners.filter((o) => o.archived).length,
      partnersInScope: new Set(links.map((l) => l.orgId)).size,
      relationshipCount: links.length,
      securedRelationshipCount: links.filter((l) => secured(l.status)).length,
      pipelineAmount: sum(links, open),
      securedAmount: sum(links, secured),
      overdueFollowUps: overdue,
      upcomingFollowUps: upcoming,
      actionItemCount: items.length,
      openRelationshipCount: links.filter((l) => open(l.status)).length,
      committedAmount: total,
      lostAmount: sum(links, lost),
      eventsWithGoalCount: revenueByEvent.filter((r) => r.hasGoal).length,
      eventsBehindCount: revenueByEvent.filter((r) => r.paceStatus === 'behind').length,
      archivedEventCount: d.events.filter(
        (e) =>
          !e.deleted &&
          e.archived &&
          (filterYear === null || e.year === filterYear) &&
          (!q.eventId || e.id === q.eventId),
      ).length,
      staleItemCount: items.filter((i) => i.type === 'stale_pipeline').length,
    },
    annual: {
      year: selectedYear,
      goalAmount: goal,
      committedAmount: sum(annualLinks),
      securedAmount: sum(annualLinks, secured),
      pipelineAmount: sum(annualLinks, open),
      remainingToGoal: ap.remainingToGoal,
      progressToGoalPct: ap.progressToGoalPct,
      expectedProgressPct: ap.expectedProgressPct,
      expectedSecuredByNow: ap.expectedSecuredByNow,
      paceDelta: ap.paceDelta,
      onTrack: ap.onTrack,
      paceStatus: ap.paceStatus,
      goalSource: explicit === null ? 'event_goals' : 'annual_goal',
      eventGoalAmount: eventGoals,
      lostAmount: sum(annualLinks, lost),
    },
    pipeline: {
      byStatus,
      totalCount: links.length,
      totalAmount: total,
      securedAmount: sum(links, secured),
      openAmount: sum(links, open),
      lostAmount: sum(links, lost),
    },
    revenueByEvent,
    actionItems: items.slice(0, q.actionLimit),
    // The model's caller is an admin: every partner is visible to them.
    actionItemsHidden: 0,
    emailSync: EMAIL_SYNC_NOT_CONFIGURED,
    sheetsSync: {
      configured: false,
      message: 'Not configured',
      accessible: null,
      sheetName: 'PartnershipsCRM',
      spreadsheetUrl: null,
      lastError: null,
      lastSyncAt: null,
      lastSyncMode: null,
      lastSyncStatus: null,
      lastSyncSummary: null,
      runningJobId: null,
      openConflicts: 0,
    },
  };
}
