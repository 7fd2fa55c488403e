/** Documents: references (title, type, status, URL, event, notes) with an optional uploaded file. */
import { z } from 'zod';
import { idSchema, textSchema, versionSchema } from './common.schema';

const slug = (fallback: string) =>
  z
    .string()
    .trim()
    .max(40, 'must be at most 40 characters')
    .transform(
      (v) =>
        v
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^_+|_+$/g, '') || fallback,
    );

export const DOCUMENT_TYPE_SUGGESTIONS = [
  'general',
  'mou',
  'contract',
  'invoice',
  'deck',
  'proposal',
  'logo',
] as const;
export const DOCUMENT_STATUS_SUGGESTIONS = ['draft', 'sent', 'signed', 'archived'] as const;

const urlSchema = textSchema(600).refine(
  (v) => v === '' || /^https?:\/\/\S+$/i.test(v),
  'must start with http:// or https://',
);

export const documentCreateSchema = z.strictObject({
  organizationId: idSchema,
  title: textSchema(160, { required: true }),
  type: slug('general').default('general'),
  status: slug('draft').default('draft'),
  url: urlSchema.default(''),
  fileName: textSchema(180).default(''),
  notes: textSchema(3000).default(''),
  eventId: idSchema.nullable().default(null),
});
export const documentUpdateSchema = z.strictObject({
  version: versionSchema,
  title: textSchema(160, { required: true }).optional(),
  type: slug('general').optional(),
  status: slug('draft').optional(),
  url: urlSchema.optional(),
  fileName: textSchema(180).optional(),
  notes: textSchema(3000).optional(),
  eventId: idSchema.nullable().optional(),
});

export const documentSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  title: z.string(),
  type: z.string(),
  status: z.string(),
  url: z.string(),
  fileName: z.string(),
  hasFile: z.boolean(),
  fileSize: z.number().int().nullable(),
  contentType: z.string().nullable(),
  notes: z.string(),
  eventId: idSchema.nullable(),
  eventName: z.string().nullable(),
  eventYear: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type DocumentRecord = z.infer<typeof documentSchema>;

export const documentListQuerySchema = z.strictObject({
  organizationId: idSchema.optional(),
  eventId: idSchema.optional(),
});

/** Uploads Accord accepts: extension → content type. */
export const UPLOAD_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
};
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
