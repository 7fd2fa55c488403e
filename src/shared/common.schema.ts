/** Building blocks shared by every domain schema. */
import { z } from 'zod';

/** Accord ids are UUIDv7 strings (time-ordered). */
export const idSchema = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'must be a valid Accord id',
  );
export const idParamsSchema = z.strictObject({ id: idSchema });

export const isoInstantSchema = z.iso.datetime({ offset: true });
export const isoDateSchema = z.iso.date();

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** A 409 for a duplicate names the record that already exists. */
    existingId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Query parameters every keyset-paginated list accepts. */
export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(60).optional(),
  q: z.string().trim().max(200).optional(),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const versionSchema = z.number().int().min(1);
export const okSchema = z.object({ ok: z.literal(true) });

/** Text limits live here so every form and route agree. */
export const LIMITS = { name: 120, email: 254, shortText: 200, longText: 10_000 } as const;

export const emailSchema = z
  .string()
  .trim()
  .max(LIMITS.email, `must be at most ${LIMITS.email} characters`)
  .pipe(z.email('must be a valid email address'))
  .transform((e) => e.toLowerCase());

export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

/** A calendar date (YYYY-MM-DD); impossible dates such as 2026-02-31 are refused. */
export const calendarDateSchema = z.iso.date({ error: 'must be a real calendar date (YYYY-MM-DD)' });

/** Money in integer minor units (cents), never negative, below 10^13 (a hundred billion in a 2-digit currency). */
export const amountSchema = z
  .number({ error: 'must be an amount in cents (a whole number)' })
  .int('must be an amount in cents (a whole number)')
  .min(0, 'cannot be negative')
  .max(9_999_999_999_999, 'is too large');

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code such as CAD');

/** Text with a limit the message states; never truncated silently. */
export function textSchema(max: number, opts: { required?: boolean } = {}) {
  const base = z.string().trim().max(max, `must be at most ${max} characters`);
  return opts.required ? base.min(1, 'is required') : base;
}
