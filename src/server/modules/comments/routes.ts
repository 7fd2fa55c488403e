import { idParamsSchema, okSchema, pageSchema } from '../../../shared/common.schema';
import {
  commentCreateSchema,
  commentListQuerySchema,
  commentSchema,
  commentUpdateSchema,
  mentionablePeopleSchema,
  mentionableQuerySchema,
} from '../../../shared/comments.schema';
import { actorOf, type App } from '../../kernel/http';
import type { CommentsService } from './service';

/** Comments live on records of many modules: each call checks the view permission of the record's module. */
export function commentsRoutes(app: App, svc: CommentsService): void {
  const tags = ['comments'];
  app.get(
    '/api/v1/comments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A record's comments, oldest first (you need to see the record)",
        querystring: commentListQuerySchema,
        response: { 200: pageSchema(commentSchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/comments/mentionable',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'The people who may be @mentioned on a record: active users who can see it, by name (you need to see it too)',
        querystring: mentionableQuerySchema,
        response: { 200: mentionablePeopleSchema },
      },
    },
    async (req) => ({ items: await svc.mentionable(actorOf(req), req.query.entity, req.query.entityId) }),
  );

  app.post(
    '/api/v1/comments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Comment on a record; everyone in mentions (who must be able to see it) is notified',
        body: commentCreateSchema,
        response: { 201: commentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/comments/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Edit your comment (newly mentioned people are notified)',
        params: idParamsSchema,
        body: commentUpdateSchema,
        response: { 200: commentSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/comments/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Delete your comment', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
