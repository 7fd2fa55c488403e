/** Saved filters: a named filter set of a list, private or shared with the team, one of them the default. */
import { z } from 'zod';
import { idSchema, textSchema, versionSchema } from './common.schema';

export const SAVED_FILTER_MODULES = [
  'partners',
  'consultants',
  'accounts',
  'cases',
  'leads',
  'opportunities',
  'activities',
] as const;
export type SavedFilterModule = (typeof SAVED_FILTER_MODULES)[number];

/** The list's query parameters as the URL carries them: names to strings (or lists of strings). */
export const filterValuesSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,59}$/, 'must be a query parameter name'),
    z.union([z.string().max(500), z.array(z.string().max(200)).max(50), z.number(), z.boolean()]),
  )
  .refine((f) => Object.keys(f).length <= 40, 'at most 40 filter values');

export const savedFilterCreateSchema = z.strictObject({
  module: z.enum(SAVED_FILTER_MODULES),
  name: textSchema(80, { required: true }),
  shared: z.boolean().default(false),
  isDefault: z.boolean().default(false),
  filter: filterValuesSchema,
});
export const savedFilterUpdateSchema = z.strictObject({
  version: versionSchema,
  name: textSchema(80, { required: true }).optional(),
  shared: z.boolean().optional(),
  isDefault: z.boolean().optional(),
  filter: filterValuesSchema.optional(),
});
export const savedFilterListQuerySchema = z.strictObject({ module: z.enum(SAVED_FILTER_MODULES) });

export const savedFilterSchema = z.object({
  id: idSchema,
  module: z.enum(SAVED_FILTER_MODULES),
  name: z.string(),
  ownerId: idSchema,
  ownerName: z.string().nullable(),
  /** Yours (you may rename, change and delete it) or shared by a colleague. */
  mine: z.boolean(),
  shared: z.boolean(),
  isDefault: z.boolean(),
  filter: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SavedFilter = z.infer<typeof savedFilterSchema>;
