/** Lists that the caller's record scope may hide records from, and the one phrasing of the hint they show. */
import { z } from 'zod';
import { pageSchema, type Page } from './common.schema';

/** hiddenHint(2, 'consultant') → "2 consultants are hidden by your visibility settings"; null for 0. */
export function hiddenHint(count: number, singular: string, plural = `${singular}s`): string | null {
  if (count <= 0) return null;
  const one = count === 1;
  return `${count} ${one ? singular : plural} ${one ? 'is' : 'are'} hidden by your visibility settings`;
}

/**
 * A keyset page of records that a scope may hide some of: the page plus how many it hides, counted when
 * the list is narrowed to one partner (its tabs) or on its last page; null otherwise (not counted).
 */
export function scopedPageSchema<T extends z.ZodType>(item: T) {
  return pageSchema(item).extend({ hiddenCount: z.number().int().nullable() });
}
export interface ScopedPage<T> extends Page<T> {
  hiddenCount: number | null;
}
