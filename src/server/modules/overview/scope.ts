/**
 * Scope resolution (reference §2.4, decision 2): which events, links and communications every figure of
 * the Overview covers. Pure: it works on the whole (small) list of events, and hands the repo lists of
 * event ids.
 */
import type { OverviewRequest } from '../../../shared/overview.schema';
import type { CommunicationScope, EventRow } from './repo';

export interface ScopeEvent {
  id: string;
  name: string;
  year: number;
  outreachStart: string | null;
  startDate: string | null;
  endDate: string | null;
  /** Minor units; 0 when the event has no goal. */
  goal: number;
  currency: string;
  archived: boolean;
  deleted: boolean;
  updatedAt: string;
}

export function toScopeEvent(r: EventRow): ScopeEvent {
  const goal = r.goal_amount === null ? 0 : Number(r.goal_amount);
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    outreachStart: r.outreach_start,
    startDate: r.start_date,
    endDate: r.end_date,
    goal: goal > 0 ? goal : 0,
    currency: r.currency,
    archived: r.archived_at !== null,
    deleted: r.deleted_at !== null,
    updatedAt: r.updated_at,
  };
}

export interface ResolvedScope {
  availableYears: number[];
  /** The year that filters the scoreboard, pipeline, totals and queue; null: no year filter. */
  filterYear: number | null;
  /** The year of the annual block. */
  selectedYear: number | null;
  /** The year the page describes: the filter year, or the filtered event's. */
  year: number | null;
  /** In scoreboard order. */
  scopedEvents: ScopeEvent[];
  /**
   * The events whose links are in scope: the scoped events; when none is in scope, the deleted events that
   * match the filters, whose orphaned links then still count (reference §2.4 step 4, §5 "Orphans").
   */
  linkEventIds: string[];
  /** The events of the annual block: the selected year's shown events, whatever the event filter. */
  annualEvents: ScopeEvent[];
  communications: CommunicationScope;
  /** Archived events matching the year and event filters, shown or not. */
  archivedEventCount: number;
}

/** Year descending, then start date descending (undated last), then name, then id. */
export function compareEvents(a: ScopeEvent, b: ScopeEvent): number {
  if (a.year !== b.year) return b.year - a.year;
  if (a.startDate !== b.startDate) {
    if (!a.startDate) return 1;
    if (!b.startDate) return -1;
    return a.startDate < b.startDate ? 1 : -1;
  }
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function resolveScope(all: ScopeEvent[], req: OverviewRequest): ResolvedScope {
  const live = all.filter((e) => !e.deleted);
  const shown = live.filter((e) => req.includeArchived || !e.archived);
  const availableYears = [...new Set(shown.map((e) => e.year))].sort((a, b) => b - a);
  const latest = availableYears[0] ?? null;
  const { eventId } = req;
  const eventYear = eventId ? (shown.find((e) => e.id === eventId)?.year ?? null) : null;

  // Decision 2: auto is the latest year everywhere; all spans every year; an event filter alone scopes
  // to that event, as in the reference.
  const filterYear = req.yearMode === 'year' ? req.year : req.yearMode === 'auto' && !eventId ? latest : null;
  const selectedYear = req.yearMode === 'year' ? req.year : eventId ? eventYear : latest;
  const matches = (e: ScopeEvent) =>
    (filterYear === null || e.year === filterYear) && (eventId === null || e.id === eventId);

  const scopedEvents = shown.filter(matches).sort(compareEvents);
  const linkEventIds = scopedEvents.length
    ? scopedEvents.map((e) => e.id)
    : all.filter((e) => e.deleted && matches(e)).map((e) => e.id);
  const annualEvents = selectedYear === null ? [] : shown.filter((e) => e.year === selectedYear);

  const hidden = new Set(req.includeArchived ? [] : live.filter((e) => e.archived).map((e) => e.id));
  // A communication's year is its event's, so under a year or event filter those without one drop out.
  const communications: CommunicationScope =
    eventId || filterYear !== null
      ? { eventIds: all.filter((e) => matches(e) && !hidden.has(e.id)).map((e) => e.id) }
      : { allBut: [...hidden] };

  return {
    availableYears,
    filterYear,
    selectedYear,
    year: filterYear ?? (eventId ? eventYear : null),
    scopedEvents,
    linkEventIds,
    annualEvents,
    communications,
    archivedEventCount: live.filter((e) => e.archived && matches(e)).length,
  };
}
