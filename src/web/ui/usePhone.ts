import { useMediaQuery } from '@mantine/hooks';

/**
 * True below Mantine's `sm` breakpoint (48em, 768 px): the width where a page swaps its tables for stacked cards.
 * Read on the first render, so a phone never paints the wide table first.
 */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
}
