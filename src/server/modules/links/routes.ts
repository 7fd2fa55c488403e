import { idParamsSchema, okSchema, pageSchema } from '../../../shared/common.schema';
import {
  boardSchema,
  eventLinkCreateSchema,
  linkCreateSchema,
  linkListQuerySchema,
  linkSchema,
  linkStatusChangeSchema,
  linkUpdateSchema,
} from '../../../shared/links.schema';
import { actorOf, type App } from '../../kernel/http';
import type { LinksService } from './service';

export function linksRoutes(app: App, svc: LinksService): void {
  const tags = ['links'];
  app.get(
    '/api/v1/links',
    {
      config: { access: 'links.view' },
      schema: {
        tags,
        summary:
          'List partner–event links you may see (keyset-paginated; sort=updatedAt|createdAt|partner|status, prefix - for descending)',
        querystring: linkListQuerySchema,
        response: { 200: pageSchema(linkSchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/links/:id',
    {
      config: { access: 'links.view' },
      schema: { tags, summary: 'One link', params: idParamsSchema, response: { 200: linkSchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/links',
    {
      config: { access: 'links.create' },
      schema: {
        tags,
        summary: 'Link a partner to an event (one link per pair: 409 names the existing one)',
        body: linkCreateSchema,
        response: { 201: linkSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.post(
    '/api/v1/events/:id/links',
    {
      config: { access: 'links.create' },
      schema: {
        tags,
        summary: 'Link a partner to this event',
        params: idParamsSchema,
        body: eventLinkCreateSchema,
        response: { 201: linkSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.create(actorOf(req), { ...req.body, eventId: req.params.id })),
  );

  app.get(
    '/api/v1/events/:id/board',
    {
      config: { access: 'links.view' },
      schema: {
        tags,
        summary: "The event's links on a kanban: a column per status with its count, total and cards",
        params: idParamsSchema,
        response: { 200: boardSchema },
      },
    },
    async (req) => svc.board(actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/links/:id',
    {
      config: { access: 'links.edit' },
      schema: {
        tags,
        summary:
          'Update a link (partner and event cannot change; a tier without an amount resets the amount to its default; 409 on a stale version)',
        params: idParamsSchema,
        body: linkUpdateSchema,
        response: { 200: linkSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/links/:id/status',
    {
      config: { access: 'links.edit' },
      schema: {
        tags,
        summary: 'Move a link to another status (the kanban drag; 409 on a stale version)',
        params: idParamsSchema,
        body: linkStatusChangeSchema,
        response: { 200: linkSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/links/:id',
    {
      config: { access: 'links.delete' },
      schema: { tags, summary: 'Delete a link', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
