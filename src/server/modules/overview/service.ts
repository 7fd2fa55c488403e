/**
 * The Partnerships Overview: one report per scope (reference §2, with Accord's decisions 1–6). "Today" is
 * the workspace's date (decision 5); every figure is aggregated in SQL and combined in report.ts; the
 * action queue reads only what it lists.
 */
import { addDays, dateInZone, startOfDayInZone } from '../../../shared/dates';
import { parseOverviewQuery, type Overview, type OverviewQuery } from '../../../shared/overview.schema';
import type { SheetsSyncBlock } from '../../../shared/sheets.schema';
import { STALE_DAYS, STALE_OVERDUE_DAYS, staleSince } from '../../../shared/partnerships/actionQueue';
import { CANONICAL_STATUSES, isStaleEligible } from '../../../shared/partnerships/statuses';
import type { Kernel } from '../../kernel/context';
import { emailSyncSummary } from '../mailboxes/health';
import type { PartnersService } from '../partners/service';
import { readSettings } from '../settings/service';
import { candidate, firstInQueue, toItems, type Candidate } from './queue';
import * as repo from './repo';
import { annualOf, buildCells, byEvent, cellsOf, pipelineOf, scoreboardRow, sumCells } from './report';
import { resolveScope, toScopeEvent } from './scope';

const STALE_STATUSES = CANONICAL_STATUSES.filter(isStaleEligible);
const NOT_CONFIGURED = { configured: false, message: 'Not configured' };
const SHEETS_NOT_CONFIGURED: SheetsSyncBlock = {
  ...NOT_CONFIGURED,
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
};

export class OverviewService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
    /** The Google Sheets block (modules/sheets), from its stored status. */
    private readonly sheetsBlock: () => Promise<SheetsSyncBlock> = async () => SHEETS_NOT_CONFIGURED,
  ) {}

  async report(query: OverviewQuery): Promise<Overview> {
    const { db, engine } = this.k;
    const req = parseOverviewQuery(query);
    const now = this.k.clock.now();
    // The sync health blocks depend on nothing else here: asked first, awaited last.
    const syncBlocks = Promise.all([emailSyncSummary(this.k), this.sheetsBlock()]);
    syncBlocks.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    const [settings, eventRows] = await Promise.all([readSettings(db, this.k.secrets), repo.loadEvents(db)]);
    const { timeZone, baseCurrency } = settings.value;
    const today = dateInZone(now, timeZone);
    const todayStart = startOfDayInZone(today, timeZone).getTime();
    const cutoff = addDays(today, req.windowDays);
    const staleFrom = staleSince(todayStart, STALE_DAYS);
    const staleOverdueFrom = staleSince(todayStart, STALE_OVERDUE_DAYS);

    const events = eventRows.map(toScopeEvent);
    const scope = resolveScope(events, req);
    const eventIds = scope.linkEventIds;
    const annualIds = scope.annualEvents.map((e) => e.id);
    // The annual block needs only per-status sums of its year's events: summed in SQL when the scope is
    // narrower than the year, else taken from the scope's own per-event figures.
    const inScope = new Set(eventIds);
    const annualApart = annualIds.some((id) => !inScope.has(id));
    // A year's or all years' scope is counted from maintained partner counts, less what it leaves out.
    const whole = scope.scopedEvents.length > 0 && req.eventId === null;
    const year = scope.filterYear;
    const left = events
      .filter((e) => (year === null || e.year === year) && !inScope.has(e.id))
      .map((e) => e.id);
    // All years is counted by complement only while the left-out events are the fewer.
    const except = whole && (year !== null || left.length < eventIds.length) ? { year, ids: left } : null;
    const limit = req.actionLimit;
    const [figures, annualTotals, touched, near, counts, candidates] = await Promise.all([
      repo.linkFigures(db, eventIds),
      annualApart ? repo.statusTotals(db, annualIds) : null,
      repo.lastTouched(
        db,
        scope.scopedEvents.map((e) => e.id),
      ),
      repo.nearToday(db, eventIds, { today, cutoff, since: staleOverdueFrom, staleFrom }),
      repo.scopeCounts(db, engine, {
        eventIds,
        except,
        communications: scope.communications,
        today,
        cutoff,
        year: scope.selectedYear,
      }),
      repo.queueCandidates(db, engine, {
        eventIds,
        communications: scope.communications,
        cutoff,
        staleFrom,
        staleOverdueFrom,
        staleStatuses: STALE_STATUSES,
        limit,
      }),
    ]);

    const cells = byEvent(buildCells(figures, near));
    const scoped = sumCells(cellsOf(cells, eventIds));
    const revenueByEvent = scope.scopedEvents.map((e) =>
      scoreboardRow(e, sumCells(cellsOf(cells, [e.id])), today, touched.get(e.id) ?? null),
    );
    const annualFigures = sumCells(
      annualTotals ? buildCells(annualTotals, []).values() : cellsOf(cells, annualIds),
    );
    const annual = annualOf(scope.selectedYear, scope.annualEvents, annualFigures, counts.annualGoal, today);
    const queue = candidates.map((c) => candidate(c, today, todayStart));
    const actionItems = await this.items(firstInQueue(queue, limit));
    const [emailSync, sheetsSync] = await syncBlocks;

    // Decision 4: the counts cover every item, not only the listed ones.
    const overdue = scoped.overdueFollowUps + scoped.staleOverdue + counts.communicationsOverdue;
    const upcoming = scoped.upcomingFollowUps + counts.communicationsDue - counts.communicationsOverdue;
    return {
      generatedAt: now.toISOString(),
      currency: baseCurrency,
      scope: {
        selectedYear: scope.selectedYear,
        requestedYear: req.year,
        requestedEventId: req.eventId,
        includeArchived: req.includeArchived,
        upcomingWindowDays: req.windowDays,
        actionLimit: limit,
        availableYears: scope.availableYears,
        scopedEventCount: scope.scopedEvents.length,
        yearMode: req.yearMode,
        year: scope.year,
        today,
        timeZone,
      },
      totals: {
        partnerCount: counts.partners,
        activePartnerCount: counts.activePartners,
        archivedPartnerCount: counts.partners - counts.activePartners,
        partnersInScope: counts.partnersInScope ?? scoped.count,
        relationshipCount: scoped.count,
        securedRelationshipCount: scoped.securedCount,
        pipelineAmount: scoped.open,
        securedAmount: scoped.secured,
        overdueFollowUps: overdue,
        upcomingFollowUps: upcoming,
        actionItemCount: overdue + upcoming + scoped.stale - scoped.staleOverdue,
        openRelationshipCount: scoped.openCount,
        committedAmount: scoped.committed,
        lostAmount: scoped.lost,
        eventsWithGoalCount: revenueByEvent.filter((r) => r.hasGoal).length,
        eventsBehindCount: revenueByEvent.filter((r) => r.paceStatus === 'behind').length,
        archivedEventCount: scope.archivedEventCount,
        staleItemCount: scoped.stale,
      },
      annual,
      pipeline: pipelineOf(cellsOf(cells, eventIds)),
      revenueByEvent,
      actionItems,
      emailSync,
      sheetsSync,
    };
  }

  /** The listed items with their partner, event and contact names. */
  private async items(queue: Candidate[]) {
    const ids = (comm: boolean) =>
      queue.filter((c) => (c.type === 'communication_follow_up') === comm).map((c) => c.sourceId);
    const [links, comms, contacts] = await Promise.all([
      repo.linkDetails(this.k.db, ids(false)),
      repo.communicationDetails(this.k.db, ids(true)),
      this.partners.primaryContactNames(queue.map((c) => c.organizationId)),
    ]);
    return toItems(
      queue,
      new Map(links.map((l) => [l.id, l])),
      new Map(comms.map((c) => [c.id, c])),
      contacts,
    );
  }
}
