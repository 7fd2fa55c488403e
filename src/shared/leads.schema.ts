/** Leads: potential customers, with where they came from; converting one makes an opportunity. */
import { z } from 'zod';
import {
  amountSchema,
  calendarDateSchema,
  currencySchema,
  idSchema,
  listQuerySchema,
  textSchema,
  versionSchema,
} from './common.schema';
import { scopedPageSchema } from './hidden';
import { opportunitySchema, probabilitySchema } from './opportunities.schema';
import { optionalEmailSchema, phoneSchema } from './partners.schema';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const;
export const LEAD_SOURCES = [
  'web',
  'referral',
  'partner',
  'event',
  'campaign',
  'email',
  'phone',
  'other',
] as const;

const leadFields = {
  name: textSchema(140, { required: true }),
  company: textSchema(140),
  title: textSchema(120),
  email: optionalEmailSchema,
  phone: phoneSchema,
  source: z.enum(LEAD_SOURCES),
  /** "converted" is set by converting the lead, never by hand. */
  status: z.enum(LEAD_STATUSES).exclude(['converted']),
  ownerId: idSchema.nullable(),
  partnerId: idSchema.nullable(),
  campaign: textSchema(140),
  estimatedValue: amountSchema.nullable(),
  currency: currencySchema,
  notes: textSchema(5000),
};

export const leadCreateSchema = z.strictObject({
  ...leadFields,
  company: leadFields.company.default(''),
  title: leadFields.title.default(''),
  email: leadFields.email.default(''),
  phone: leadFields.phone.default(''),
  source: leadFields.source.default('web'),
  status: leadFields.status.default('new'),
  ownerId: leadFields.ownerId.optional(),
  partnerId: leadFields.partnerId.default(null),
  campaign: leadFields.campaign.default(''),
  estimatedValue: leadFields.estimatedValue.default(null),
  currency: leadFields.currency.optional(),
  notes: leadFields.notes.default(''),
});
export type LeadCreate = z.infer<typeof leadCreateSchema>;

export const leadUpdateSchema = z
  .strictObject({
    version: versionSchema,
    ...Object.fromEntries(Object.entries(leadFields).map(([k, v]) => [k, v.optional()])),
  })
  .transform((v) => v as { version: number } & Partial<LeadCreate>);
export type LeadUpdate = z.infer<typeof leadUpdateSchema>;

export const leadSchema = z.object({
  id: idSchema,
  name: z.string(),
  company: z.string(),
  title: z.string(),
  email: z.string(),
  phone: z.string(),
  source: z.enum(LEAD_SOURCES),
  status: z.enum(LEAD_STATUSES),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  partnerId: idSchema.nullable(),
  partnerName: z.string().nullable(),
  campaign: z.string(),
  estimatedValue: z.number().int().nullable(),
  currency: z.string(),
  notes: z.string(),
  convertedAt: z.string().nullable(),
  convertedOpportunityId: idSchema.nullable(),
  convertedOrganizationId: idSchema.nullable(),
  convertedContactId: idSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Lead = z.infer<typeof leadSchema>;

export const leadListQuerySchema = listQuerySchema.extend({
  partnerId: idSchema.optional(),
  status: z.enum(LEAD_STATUSES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  ownerId: idSchema.optional(),
  campaign: z.string().max(140).optional(),
});
export const LEAD_SORTS = ['updatedAt', 'createdAt', 'name'] as const;
export const leadPageSchema = scopedPageSchema(leadSchema);

/**
 * Converting a lead: an opportunity always; its account an existing organisation, a new one named after
 * the lead's company, or none; and optionally the lead's person at that account. One transaction.
 */
export const leadConvertSchema = z
  .strictObject({
    version: versionSchema,
    opportunity: z
      .strictObject({
        name: textSchema(200, { required: true }).optional(),
        amount: amountSchema.optional(),
        currency: currencySchema.optional(),
        stageId: idSchema.optional(),
        probability: probabilitySchema.optional(),
        expectedCloseDate: calendarDateSchema.nullable().optional(),
      })
      .default({}),
    accountId: idSchema.optional(),
    createAccount: z.boolean().default(false),
    createContact: z.boolean().default(false),
  })
  .refine((c) => !(c.accountId && c.createAccount), {
    message: 'choose an existing account or a new one, not both',
    path: ['createAccount'],
  })
  .refine((c) => !c.createContact || c.accountId || c.createAccount, {
    message: 'a person needs an account to belong to: choose one or create it',
    path: ['createContact'],
  });
export type LeadConvert = z.infer<typeof leadConvertSchema>;

export const leadConversionSchema = z.object({
  lead: leadSchema,
  opportunity: opportunitySchema,
  accountId: idSchema.nullable(),
  contactId: idSchema.nullable(),
});
