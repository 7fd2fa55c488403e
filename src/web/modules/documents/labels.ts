import { labelFromSlug } from '../../../shared/partnerships/statuses';

const SPECIAL: Record<string, string> = { mou: 'MOU' };

/** A document type or status slug as a label: `mou` → MOU, `signed_copy` → Signed Copy. */
export const docLabel = (slug: string) => SPECIAL[slug] ?? labelFromSlug(slug);
