import { z } from 'zod';
import { isValidTimeZone } from './dates';

export const smtpSettingsSchema = z.strictObject({
  host: z.string().trim().min(1, 'is required').max(253),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false),
  user: z.string().max(254).default(''),
  /** Write-only: the API never returns it; omit to keep the stored one. */
  password: z.string().max(500).optional(),
  fromAddress: z.string().trim().max(254).pipe(z.email('must be a valid email address')),
  fromName: z.string().trim().max(120).default('Accord'),
});

export const settingsSchema = z.object({
  companyName: z.string(),
  baseCurrency: z.string(),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  timeZone: z.string(),
  smtp: z
    .object({
      host: z.string(),
      port: z.number().int(),
      secure: z.boolean(),
      user: z.string(),
      hasPassword: z.boolean(),
      fromAddress: z.string(),
      fromName: z.string(),
    })
    .nullable(),
  version: z.number().int(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  companyName: z.string().trim().min(1, 'is required').max(120).optional(),
  baseCurrency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code such as CAD')
    .optional(),
  fiscalYearStartMonth: z
    .number()
    .int()
    .min(1, 'must be a month from 1 to 12')
    .max(12, 'must be a month from 1 to 12')
    .optional(),
  timeZone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as America/Toronto')
    .optional(),
  smtp: smtpSettingsSchema.nullable().optional(),
});

export const testEmailSchema = z.strictObject({ to: z.email('must be a valid email address') });
