/**
 * The Partnerships Overview: one report per scope (reference §2, with Accord's decisions 1–6). "Today" is
 * the workspace's date (decision 5); every figure is aggregated in SQL and combined in report.ts; the
 * action queue reads only what it lists. The figures of a scope are kept until a write commits (VersionedCache).
 */
import { addDays, dateInZone, startOfDayInZone } from '../../../shared/dates';
import {
  parseOverviewQuery,
  type Overview,
  type OverviewQuery,
  type OverviewRequest,
} from '../../../shared/overview.schema';
import type { SheetsSyncBlock } from '../../../shared/sheets.schema';
import { STALE_DAYS, STALE_OVERDUE_DAYS, staleSince } from '../../../shared/partnerships/actionQueue';
import { CANONICAL_STATUSES, isStaleEligible } from '../../../shared/partnerships/statuses';
import type { Actor, Kernel } from '../../kernel/context';
import type { MailboxesTable } from '../../db/types';
import { VersionedCache } from '../../kernel/versionedCache';
import { emailSyncSummary, enabledMailboxes } from '../mailboxes/health';
import type { PartnersService } from '../partners/service';
import { readSettings } from '../settings/service';
import { candidate, firstInQueue, forCaller, toItems, type Candidate, type QueuedItem } from './queue';
import * as repo from './repo';
import { annualOf, buildCells, byEvent, ofEvents, pipelineOf, scoreboardRow, sumCells } from './report';
import { resolveScope, toScopeEvent } from './scope';

const STALE_STATUSES = CANONICAL_STATUSES.filter(isStaleEligible);
/**
 * The report less its time stamp, currency and sync blocks, with the action items as every caller shares
 * them: what depends only on the data and the day.
 */
type Figures = Omit<
  Overview,
  'generatedAt' | 'currency' | 'emailSync' | 'sheetsSync' | 'actionItems' | 'actionItemsHidden'
> & {
  actionItems: QueuedItem[];
};
/** What the report needs of the workspace besides the figures; it changes only with the data. */
interface Workspace {
  timeZone: string;
  baseCurrency: string;
  mailboxes: MailboxesTable[];
  sheetsSync: SheetsSyncBlock;
}
const WORKSPACE = 'workspace';
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
  /**
   * The figures of recently asked scopes, for as long as no write commits: the team opening the Overview in
   * the morning, or one person switching between scopes, gets them without recomputing.
   */
  private readonly figuresCache: VersionedCache<Figures>;
  /** The workspace's time zone and currency, its enabled mailboxes and the Sheets block, kept the same way. */
  private readonly workspaceCache: VersionedCache<Workspace>;

  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
    /**
     * The Google Sheets block (modules/sheets): from its stored state only, never the clock or Google, so it is
     * kept until a write commits.
     */
    private readonly sheetsBlock: () => Promise<SheetsSyncBlock> = async () => SHEETS_NOT_CONFIGURED,
  ) {
    this.figuresCache = new VersionedCache(k.dataVersion);
    this.workspaceCache = new VersionedCache(k.dataVersion, 1);
  }

  /**
   * The report as this caller sees it, and whether its figures came from the cache or how long computing them
   * took (ms). `asked`: the data version read before this call (with the request's sign-in), if it was.
   */
  async report(
    query: OverviewQuery,
    actor: Actor,
    asked: string | null = null,
  ): Promise<{
    overview: Overview;
    figures: { cached: true } | { cached: false; ms: number; joined: boolean };
  }> {
    const req = parseOverviewQuery(query);
    const now = this.k.clock.now();
    // The data version first: the caches keep what was computed under it.
    const version = asked !== null ? Promise.resolve(asked) : this.k.dataVersion();
    const [workspaceView, figuresView] = await Promise.all([
      this.workspaceCache.at(version),
      this.figuresCache.at(version),
    ]);
    const kept = workspaceView.get(WORKSPACE);
    // A workspace not kept means the data changed since the last report, so the figures are not kept either:
    // the events are read beside the workspace rather than after it (one round trip less on PostgreSQL).
    // Only now, after the version was read, so that they are no older than it.
    const events = kept ? null : repo.loadEvents(this.k.db);
    events?.catch(() => undefined); // awaited in figures(), or dropped on a hit
    const workspace = kept ?? (await this.workspace());
    // The email block turns with the clock (its health as of now): worked out each time from the kept
    // mailboxes, reading their recent counts only when there are some. Awaited last.
    const emailBlock = emailSyncSummary(this.k, workspace.mailboxes);
    emailBlock.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    const { timeZone } = workspace;
    const today = dateInZone(now, timeZone);
    const day = { today, timeZone };
    const key = JSON.stringify([day, req]);
    const started = performance.now();
    const hit = figuresView.get(key);
    // Missing: computed now, or joined if another request is computing the same scope on the same data.
    const computing = hit
      ? null
      : figuresView.share(key, () => this.figures(req, day, events ?? repo.loadEvents(this.k.db)));
    const figures = hit ?? (await computing!.value);
    const joined = computing?.joined ?? false;
    // This request keeps what it computed (a joined one leaves that to the request it joined).
    const computedHere = computing !== null && !joined;
    if (!kept || computedHere) {
      const after = await this.k.dataVersion();
      if (!kept) workspaceView.keep(WORKSPACE, workspace, after);
      if (computedHere) figuresView.keep(key, figures, after);
    }
    const cached = hit !== undefined;
    const ms = performance.now() - started;
    const queue = forCaller(figures.actionItems, actor);
    return {
      overview: {
        generatedAt: now.toISOString(),
        currency: workspace.baseCurrency,
        ...figures,
        actionItems: queue.items,
        actionItemsHidden: queue.hidden,
        emailSync: await emailBlock,
        sheetsSync: workspace.sheetsSync,
      },
      figures: cached ? { cached } : { cached, ms, joined },
    };
  }

  /**
   * What the report takes from the workspace's settings, its enabled mailboxes and the Sheets block: kept
   * like the figures.
   */
  private async workspace(): Promise<Workspace> {
    const [settings, mailboxes, sheetsSync] = await Promise.all([
      readSettings(this.k.db, this.k.secrets),
      enabledMailboxes(this.k),
      this.sheetsBlock(),
    ]);
    const { timeZone, baseCurrency } = settings.value;
    return { timeZone, baseCurrency, mailboxes, sheetsSync };
  }

  /**
   * Everything in the report that comes from the partnership data, for a scope on a day: what the cache keeps
   * (read-only once cached).
   */
  private async figures(
    req: OverviewRequest,
    { today, timeZone }: { today: string; timeZone: string },
    eventRows: Promise<repo.EventRow[]>,
  ): Promise<Figures> {
    const { db, engine } = this.k;
    const todayStart = startOfDayInZone(today, timeZone).getTime();
    const cutoff = addDays(today, req.windowDays);
    const staleFrom = staleSince(todayStart, STALE_DAYS);
    const staleOverdueFrom = staleSince(todayStart, STALE_OVERDUE_DAYS);

    const events = (await eventRows).map(toScopeEvent);
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
    // The listed items' details are read as soon as the queue is known, beside the other figures.
    const [figures, annualTotals, touched, near, counts, actionItems] = await Promise.all([
      repo.linkFigures(db, eventIds),
      annualApart ? repo.statusTotals(db, annualIds) : null,
      repo.lastTouched(
        db,
        scope.scopedEvents.map((e) => e.id),
      ),
      repo.nearToday(db, eventIds, {
        today,
        cutoff,
        since: staleOverdueFrom,
        staleFrom,
        staleStatuses: STALE_STATUSES,
      }),
      repo.scopeCounts(db, engine, {
        eventIds,
        except,
        communications: scope.communications,
        today,
        cutoff,
        year: scope.selectedYear,
      }),
      repo
        .queueCandidates(db, engine, {
          eventIds,
          communications: scope.communications,
          cutoff,
          staleFrom,
          staleOverdueFrom,
          staleStatuses: STALE_STATUSES,
          limit,
        })
        .then((candidates) =>
          this.items(
            firstInQueue(
              candidates.map((c) => candidate(c, today, todayStart)),
              limit,
            ),
          ),
        ),
    ]);

    const cells = byEvent(buildCells(figures).values());
    const nearBy = byEvent(near);
    const scoped = sumCells(ofEvents(cells, eventIds), ofEvents(nearBy, eventIds));
    const revenueByEvent = scope.scopedEvents.map((e) =>
      scoreboardRow(
        e,
        sumCells(ofEvents(cells, [e.id]), ofEvents(nearBy, [e.id])),
        today,
        touched.get(e.id) ?? null,
      ),
    );
    // The annual block shows amounts only.
    const annualFigures = sumCells(
      annualTotals ? buildCells(annualTotals).values() : ofEvents(cells, annualIds),
    );
    const annual = annualOf(scope.selectedYear, scope.annualEvents, annualFigures, counts.annualGoal, today);
    // Decision 4: the counts cover every item, not only the listed ones.
    const overdue = scoped.overdueFollowUps + scoped.staleOverdue + counts.communicationsOverdue;
    const upcoming = scoped.upcomingFollowUps + counts.communicationsDue - counts.communicationsOverdue;
    return {
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
      pipeline: pipelineOf(ofEvents(cells, eventIds)),
      revenueByEvent,
      actionItems,
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
