/** The partners contract: organisations that work with us (one table for partnerships and partner management). */
import { z } from 'zod';
import {
  calendarDateSchema,
  emailSchema,
  idSchema,
  listQuerySchema,
  textSchema,
  versionSchema,
} from './common.schema';

export const VISIBILITIES = ['everyone', 'team', 'owner'] as const;
export const PARTNER_STATUSES = ['active', 'inactive'] as const;

/** An email address or nothing; one message for both ways of getting it wrong. */
export const optionalEmailSchema = z.union([z.literal(''), emailSchema], {
  error: 'must be a valid email address',
});
const optionalEmail = optionalEmailSchema;
const url = (max: number) =>
  textSchema(max).refine(
    (v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v) || /^[^\s/]+\.[^\s]+$/.test(v),
    'must be a web address such as https://example.com',
  );
export const phoneSchema = textSchema(60).refine(
  (v) => v === '' || /^[+()\d\s.\-/x]{5,60}$/i.test(v),
  'must be a phone number (digits, spaces, + ( ) - .)',
);

/** The text without control characters (U+0000–U+001F, U+007F). */
// eslint-disable-next-line no-control-regex
export const withoutControlCharacters = (text: string): string => text.replace(/[\u0000-\u001f\u007f]/g, '');

/**
 * Tags: trimmed, ≤ 40 characters each, no control characters (the stored tag list separates tags with
 * one), at most 30, duplicates (ignoring case) removed.
 */
export const tagSchema = textSchema(40)
  .min(1, 'cannot be empty')
  .refine((t) => t === withoutControlCharacters(t), 'cannot contain control characters');

export const tagsSchema = z
  .array(tagSchema)
  .max(30, 'at most 30 tags')
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((t) => (seen.has(t.toLowerCase()) ? false : (seen.add(t.toLowerCase()), true)));
  });

const partnerFields = {
  name: textSchema(140, { required: true }),
  levelId: idSchema.nullable(),
  status: z.enum(PARTNER_STATUSES),
  website: url(300),
  email: optionalEmail,
  phone: phoneSchema,
  street: textSchema(200),
  city: textSchema(100),
  region: textSchema(100),
  postalCode: textSchema(20),
  country: z.union([
    z.literal(''),
    z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code such as CA'),
  ]),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  industry: textSchema(100),
  linkedin: url(300),
  notes: textSchema(5000),
  tags: tagsSchema,
  isAlumni: z.boolean(),
  ownerId: idSchema.nullable(),
  visibility: z.enum(VISIBILITIES),
  isCustomer: z.boolean(),
  isProspect: z.boolean(),
};

export const partnerCreateSchema = z.strictObject({
  ...partnerFields,
  levelId: partnerFields.levelId.default(null),
  status: partnerFields.status.default('active'),
  website: partnerFields.website.default(''),
  email: partnerFields.email.default(''),
  phone: partnerFields.phone.default(''),
  street: partnerFields.street.default(''),
  city: partnerFields.city.default(''),
  region: partnerFields.region.default(''),
  postalCode: partnerFields.postalCode.default(''),
  country: partnerFields.country.default(''),
  latitude: partnerFields.latitude.default(null),
  longitude: partnerFields.longitude.default(null),
  industry: partnerFields.industry.default(''),
  linkedin: partnerFields.linkedin.default(''),
  notes: partnerFields.notes.default(''),
  tags: partnerFields.tags.default([]),
  isAlumni: partnerFields.isAlumni.default(false),
  ownerId: partnerFields.ownerId.optional(),
  visibility: partnerFields.visibility.default('everyone'),
  isCustomer: partnerFields.isCustomer.default(false),
  isProspect: partnerFields.isProspect.default(false),
});
export type PartnerCreate = z.infer<typeof partnerCreateSchema>;

export const partnerUpdateSchema = z
  .strictObject({
    version: versionSchema,
    ...Object.fromEntries(Object.entries(partnerFields).map(([k, v]) => [k, v.optional()])),
  })
  .transform((v) => v as { version: number } & Partial<PartnerCreate>);

export const partnerMetricsSchema = z.object({
  relationshipCount: z.number().int(),
  confirmedCount: z.number().int(),
  paidCount: z.number().int(),
  totalAmount: z.number().int(),
  securedAmount: z.number().int(),
  openAmount: z.number().int(),
  latestStatus: z.string().nullable(),
  lastTouchedAt: z.string().nullable(),
  statusBreakdown: z.array(
    z.object({
      status: z.string(),
      count: z.number().int(),
      amount: z.number().int(),
      lastTouchedAt: z.string(),
    }),
  ),
});
export type PartnerMetrics = z.infer<typeof partnerMetricsSchema>;

export const partnerSchema = z.object({
  id: idSchema,
  name: z.string(),
  levelId: idSchema.nullable(),
  levelName: z.string().nullable(),
  status: z.enum(PARTNER_STATUSES),
  website: z.string(),
  email: z.string(),
  phone: z.string(),
  street: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  industry: z.string(),
  linkedin: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  isAlumni: z.boolean(),
  isCustomer: z.boolean(),
  isProspect: z.boolean(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  visibility: z.enum(VISIBILITIES),
  primaryContactName: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  version: z.number().int(),
  metrics: partnerMetricsSchema,
});
export type Partner = z.infer<typeof partnerSchema>;

const bool = z.enum(['true', 'false']);
export const partnerListQuerySchema = listQuerySchema.extend({
  status: z.string().max(80).optional(),
  eventId: idSchema.optional(),
  packageTier: z.string().max(80).optional(),
  levelId: idSchema.optional(),
  isAlumni: bool.optional(),
  tag: z.string().max(40).optional(),
  ownerId: idSchema.optional(),
  partnerStatus: z.enum(PARTNER_STATUSES).optional(),
  country: z.string().max(2).optional(),
  includeArchived: bool.optional(),
  /** Partners with every one of these tags (comma-separated). */
  tags: z.string().max(400).optional(),
  industry: z.string().max(100).optional(),
  city: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  isCustomer: bool.optional(),
  /** `none`: partners without a level. */
  level: z.literal('none').optional(),
  createdFrom: calendarDateSchema.optional(),
  createdTo: calendarDateSchema.optional(),
  updatedFrom: calendarDateSchema.optional(),
  updatedTo: calendarDateSchema.optional(),
});
export const PARTNER_SORTS = [
  'name',
  'createdAt',
  'updatedAt',
  'country',
  'city',
  'status',
  'industry',
] as const;

export const partnerLevelSchema = z.object({
  id: idSchema,
  key: z.string(),
  name: z.string(),
  rank: z.number().int(),
});
export const partnerLevelCreateSchema = z.strictObject({
  name: textSchema(60, { required: true }),
  rank: z.number().int().min(0).max(1000).optional(),
});

export const contactFields = {
  firstName: textSchema(80),
  lastName: textSchema(80),
  title: textSchema(120),
  email: optionalEmail,
  phone: phoneSchema,
  mobile: phoneSchema,
  linkedin: url(300),
  isPrimary: z.boolean(),
  notes: textSchema(3000),
};
export const contactCreateSchema = z
  .strictObject({
    firstName: contactFields.firstName.default(''),
    lastName: contactFields.lastName.default(''),
    title: contactFields.title.default(''),
    email: contactFields.email.default(''),
    phone: contactFields.phone.default(''),
    mobile: contactFields.mobile.default(''),
    linkedin: contactFields.linkedin.default(''),
    isPrimary: contactFields.isPrimary.default(false),
    notes: contactFields.notes.default(''),
  })
  .refine((c) => c.firstName !== '' || c.lastName !== '', {
    message: 'is required (a first or last name)',
    path: ['lastName'],
  });
export const contactUpdateSchema = z
  .strictObject({
    version: versionSchema,
    /** Moves the person to another organisation (their history moves with them). */
    organizationId: idSchema.optional(),
    ...Object.fromEntries(Object.entries(contactFields).map(([k, v]) => [k, v.optional()])),
  })
  .transform(
    (v) => v as { version: number; organizationId?: string } & Partial<z.infer<typeof contactCreateSchema>>,
  );
export const contactSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  organizationName: z.string(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  title: z.string(),
  email: z.string(),
  phone: z.string(),
  mobile: z.string(),
  linkedin: z.string(),
  isPrimary: z.boolean(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Contact = z.infer<typeof contactSchema>;

export const filterOptionsSchema = z.object({
  statuses: z.array(z.object({ key: z.string(), label: z.string(), group: z.string(), custom: z.boolean() })),
  packageTiers: z.array(z.object({ key: z.string(), label: z.string() })),
  levels: z.array(partnerLevelSchema),
  tags: z.array(z.string()),
});
