import { okSchema, pageSchema } from '../../../shared/common.schema';
import {
  commentSchema,
  mentionablePeopleSchema,
  type Comment,
  type CommentEntity,
} from '../../../shared/comments.schema';
import { api } from '../../api/client';

const id = (v: string) => encodeURIComponent(v);

export const commentsApi = {
  list: (entity: CommentEntity, entityId: string, cursor: string | null, signal?: AbortSignal) =>
    api.get('/api/v1/comments', pageSchema(commentSchema), { entity, entityId, limit: 100, cursor }, signal),
  create: (input: { entity: CommentEntity; entityId: string; body: string; mentions: string[] }) =>
    api.post('/api/v1/comments', commentSchema, input),
  update: (commentId: string, patch: { version: number; body: string; mentions: string[] }) =>
    api.patch(`/api/v1/comments/${id(commentId)}`, commentSchema, patch),
  remove: (commentId: string) => api.delete(`/api/v1/comments/${id(commentId)}`, okSchema),
  mentionable: (entity: CommentEntity, entityId: string, signal?: AbortSignal) =>
    api.get('/api/v1/comments/mentionable', mentionablePeopleSchema, { entity, entityId }, signal),
};

export type { Comment, CommentEntity };
