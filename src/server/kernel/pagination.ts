/**
 * Keyset pagination: the cursor carries the last row's sort value and id, so page N costs the same as
 * page 1 and rows inserted meanwhile never shift a page. Sorting and filtering happen in SQL.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Page } from '../../shared/common.schema';
import { badRequest } from './errors';

export interface SortChoice {
  key: string;
  column: string; // qualified column, e.g. "users.name"
  direction: 'asc' | 'desc';
}

/** `sort=name` / `sort=-createdAt`; only the listed keys are accepted. */
export function parseSort(
  sort: string | undefined,
  allowed: Record<string, string>,
  fallback: string,
): SortChoice {
  const raw = sort ?? fallback;
  const direction = raw.startsWith('-') ? 'desc' : 'asc';
  const key = raw.replace(/^[-+]/, '');
  const column = allowed[key];
  if (!column) {
    throw badRequest(
      `Cannot sort by "${key}". Sort by one of: ${Object.keys(allowed).join(', ')} (prefix with - for descending).`,
      { sort: 'is not a sortable field' },
    );
  }
  return { key, column, direction };
}

type CursorValue = string | number | null;

export function encodeCursor(sortKey: string, value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sortKey: string): { value: CursorValue; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sortKey &&
      typeof parsed[2] === 'string'
    ) {
      const v = parsed[1] as unknown;
      if (v === null || typeof v === 'string' || typeof v === 'number') return { value: v, id: parsed[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('The cursor is not valid for this list and sort order. Start again from the first page.', {
    cursor: 'is not valid',
  });
}

/**
 * Applies sort, cursor and limit (+1 row to know whether another page follows). The sort column must be
 * non-null; the id column breaks ties.
 */
export function keyset<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  sort: SortChoice,
  idColumn: string,
  cursor: string | undefined,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  const op = sort.direction === 'asc' ? '>' : '<';
  let q = qb;
  if (cursor) {
    const { value, id } = decodeCursor(cursor, sort.key);
    q = q.where(
      sql<boolean>`(${sql.ref(sort.column)} ${sql.raw(op)} ${value} OR (${sql.ref(sort.column)} = ${value} AND ${sql.ref(idColumn)} ${sql.raw(op)} ${id}))`,
    );
  }
  return q
    .orderBy(sql.ref(sort.column), sort.direction)
    .orderBy(sql.ref(idColumn), sort.direction)
    .limit(limit + 1);
}

/** Cuts the extra row and builds the next cursor from the last row kept. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  sort: SortChoice,
  valueOf: (r: R) => CursorValue,
  idOf: (r: R) => string,
  present: (r: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(present),
    nextCursor: more && last ? encodeCursor(sort.key, valueOf(last), idOf(last)) : null,
  };
}
