/** A keyset list loaded page by page ("Load more"), with the hidden count its first page carries. */
import type { InfiniteData } from '@tanstack/react-query';
import type { ScopedPage } from '../../shared/hidden';

export interface ScopedItems<T> {
  items: T[];
  /** Records the caller's visibility settings hide (null when the server did not count them). */
  hiddenCount: number | null;
}

export function scopedItems<T>(data: InfiniteData<ScopedPage<T>> | undefined): ScopedItems<T> {
  if (!data) return { items: [], hiddenCount: null };
  return {
    items: data.pages.flatMap((p) => p.items),
    hiddenCount: data.pages[0]?.hiddenCount ?? null,
  };
}

/** The options every "Load more" list passes to useInfiniteQuery. */
export const keysetPaging = {
  initialPageParam: null as string | null,
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
};
