/** Managed accounts: customer organisations a partner manages for us (many accounts → one managing partner). */
import { z } from 'zod';
import { calendarDateSchema, idSchema, listQuerySchema, textSchema, versionSchema } from './common.schema';
import { scopedPageSchema } from './hidden';
import { partnerCreateSchema, VISIBILITIES } from './partners.schema';

export const accountCreateSchema = partnerCreateSchema
  .pick({
    name: true,
    website: true,
    email: true,
    phone: true,
    city: true,
    region: true,
    country: true,
    industry: true,
    notes: true,
    ownerId: true,
    visibility: true,
  })
  .extend({
    managedById: idSchema.nullable().default(null),
    managedSince: calendarDateSchema.nullable().default(null),
  });
export type AccountCreate = z.infer<typeof accountCreateSchema>;

/** Links an account to its managing partner from a date (default: today), or moves it to this partner. */
export const accountLinkSchema = z.strictObject({
  version: versionSchema,
  since: calendarDateSchema.optional(),
});
export const accountUnlinkSchema = z.strictObject({ version: versionSchema });

export const accountSchema = z.object({
  id: idSchema,
  name: z.string(),
  website: z.string(),
  email: z.string(),
  phone: z.string(),
  city: z.string(),
  country: z.string(),
  industry: z.string(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  visibility: z.enum(VISIBILITIES),
  isPartner: z.boolean(),
  managedById: idSchema.nullable(),
  managedByName: z.string().nullable(),
  managedSince: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountListQuerySchema = listQuerySchema.extend({
  managedById: idSchema.optional(),
  /** Only accounts without a managing partner. */
  unmanaged: z.enum(['true', 'false']).optional(),
});
export const accountPageSchema = scopedPageSchema(accountSchema);
export const accountNameSchema = textSchema(140, { required: true });
