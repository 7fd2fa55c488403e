import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysetPaging } from '../../ui/scopedPages';
import { partnerKey } from '../partners/hooks';
import { commentsApi, type Comment, type CommentEntity } from './api';

export const commentsKey = (entity: CommentEntity, entityId: string) =>
  ['comments', entity, entityId] as const;

/** A record's comments, oldest first (the server's order), 100 a page. */
export function useComments(entity: CommentEntity, entityId: string) {
  return useInfiniteQuery({
    queryKey: commentsKey(entity, entityId),
    queryFn: ({ pageParam, signal }) => commentsApi.list(entity, entityId, pageParam, signal),
    ...keysetPaging,
  });
}

/** Writes on one record's comments; a partner's comment count sits in its tab bar. */
export function useCommentMutations(entity: CommentEntity, entityId: string) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: commentsKey(entity, entityId) }),
      entity === 'partner' ? qc.invalidateQueries({ queryKey: partnerKey(entityId) }) : null,
    ]);
  const create = useMutation({
    mutationFn: (v: { body: string; mentions: string[] }) => commentsApi.create({ entity, entityId, ...v }),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: (v: { comment: Comment; body: string; mentions: string[] }) =>
      commentsApi.update(v.comment.id, { version: v.comment.version, body: v.body, mentions: v.mentions }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (c: Comment) => commentsApi.remove(c.id),
    onSuccess: refresh,
  });
  return { create, update, remove };
}

/** Whom "@" offers on a record: the active users who can see it (from the server, whatever your role). */
export function useMentionable(entity: CommentEntity, entityId: string) {
  return useQuery({
    queryKey: ['comments', 'mentionable', entity, entityId],
    queryFn: ({ signal }) => commentsApi.mentionable(entity, entityId, signal),
    staleTime: 5 * 60_000,
  });
}
