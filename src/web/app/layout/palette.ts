/**
 * The command palette's open state, apart from its code: the header's search button and Ctrl/Cmd+K open it
 * through this store, and the palette itself (CommandPalette.tsx, its Spotlight, the partner and user
 * searches and their schemas) loads the first time it opens, or once the page has settled.
 */
import { createSpotlight } from '@mantine/spotlight';

export const [paletteStore, palette] = createSpotlight();

/** Ctrl/Cmd+K, from anywhere, also while typing in a field. */
export const PALETTE_SHORTCUT = 'mod+K';
