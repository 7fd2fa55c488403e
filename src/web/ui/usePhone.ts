import { useMediaQuery } from '@mantine/hooks';

/**
 * True below Mantine's `sm` breakpoint (48em, 768 px): the width where a page swaps its tables for stacked cards.
 * Read on the first render, so a phone never paints the wide table first.
 */
export function usePhone(): boolean {
  return useNarrowerThan(0);
}

/** The sidebar's width (AppLayout), shown from `sm` on. */
export const SIDEBAR_WIDTH = 248;
/** The page's padding on each side from `sm` on (AppLayout: Mantine's xl). */
const PAGE_PADDING = 32;

/**
 * True when the page's content is narrower than `contentWidth` px: on a phone, or beside the sidebar on a
 * tablet or small laptop (at 820 px the content is about 510 px wide). For a page that swaps a wide table for
 * stacked cards: a table squeezed below its width cut its badges and hid its row menus out of sight.
 */
export function useNarrowerThan(contentWidth: number): boolean {
  const screen = Math.max(768, contentWidth + SIDEBAR_WIDTH + 2 * PAGE_PADDING);
  return useMediaQuery(`(max-width: ${screen / 16}em)`, false, { getInitialValueInEffect: false });
}
