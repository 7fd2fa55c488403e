/** Comments: discussion on any record, with @mentions that notify the people mentioned. */
import { z } from 'zod';
import { idSchema, textSchema, versionSchema } from './common.schema';

export const COMMENT_ENTITIES = [
  'partner',
  'contact',
  'account',
  'case',
  'lead',
  'opportunity',
  'activity',
] as const;
export type CommentEntity = (typeof COMMENT_ENTITIES)[number];

const mentionsSchema = z
  .array(idSchema)
  .max(20, 'at most 20 people per comment')
  .transform((ids) => [...new Set(ids)]);

export const commentCreateSchema = z.strictObject({
  entity: z.enum(COMMENT_ENTITIES),
  entityId: idSchema,
  body: textSchema(5000, { required: true }),
  /** The users the comment @mentions; each gets a notification. */
  mentions: mentionsSchema.default([]),
});
export const commentUpdateSchema = z.strictObject({
  version: versionSchema,
  body: textSchema(5000, { required: true }),
  mentions: mentionsSchema.optional(),
});
/** Who may be @mentioned on a record: the active users who can see it. */
export const mentionableQuerySchema = z.strictObject({
  entity: z.enum(COMMENT_ENTITIES),
  entityId: idSchema,
});
export const mentionablePeopleSchema = z.object({
  items: z.array(z.object({ id: idSchema, name: z.string() })),
});

export const commentListQuerySchema = z.strictObject({
  entity: z.enum(COMMENT_ENTITIES),
  entityId: idSchema,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const commentSchema = z.object({
  id: idSchema,
  entity: z.enum(COMMENT_ENTITIES),
  entityId: idSchema,
  authorId: idSchema.nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  mentions: z.array(z.object({ id: idSchema, name: z.string() })),
  edited: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Comment = z.infer<typeof commentSchema>;
