/**
 * The Overview's grids take their columns from their own width (container queries), not the window's: beside
 * the sidebar a 1024 px window leaves about 700 px of content, where four KPI cards in a row cut their figures
 * ("CA$633…") and the Goal pace card, beside the pipeline, cut its amounts. The page and its loading skeleton
 * use the same layout.
 */
import type { MantineSize } from '@mantine/core';

/** The four headline cards: two by two until their row is 760 px wide. */
export const KPI_COLS = { base: 2, '760px': 4 };

/** The scope controls: one a row, then two, then all four once they have 900 px. */
export const SCOPE_COLS = { base: 1, '420px': 2, '900px': 4 };

/** Goal pace beside the pipeline breakdown (5 and 7 of 12) from 880 px of content; stacked below that. */
export const SIDE_BY_SIDE: Record<MantineSize, string> = {
  xs: '480px',
  sm: '640px',
  md: '880px',
  lg: '1100px',
  xl: '1400px',
};
export const GOAL_SPAN = { base: 12, md: 5 };
export const PIPELINE_SPAN = { base: 12, md: 7 };

/** The email and Sheets blocks: side by side from 640 px. */
export const SYNC_COLS = { base: 1, '640px': 2 };
