/** Consultants: the people of partners (contacts), listed across partners and per partner. */
import { z } from 'zod';
import { idSchema, listQuerySchema, pageSchema } from './common.schema';
import { contactSchema } from './partners.schema';

export const consultantListQuerySchema = listQuerySchema.extend({
  organizationId: idSchema.optional(),
  isPrimary: z.enum(['true', 'false']).optional(),
});
export const CONSULTANT_SORTS = ['lastName', 'createdAt', 'updatedAt'] as const;

export const consultantPageSchema = pageSchema(contactSchema);

/** A partner's consultants, and how many more exist that the caller's visibility settings hide. */
export const partnerConsultantsSchema = z.object({
  items: z.array(contactSchema),
  hiddenCount: z.number().int(),
});
