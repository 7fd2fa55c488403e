import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  eventCreateSchema,
  eventDetailSchema,
  eventListQuerySchema,
  eventSchema,
  eventUpdateSchema,
} from '../../../shared/events.schema';
import { actorOf, type App } from '../../kernel/http';
import type { EventsService } from './service';

export function eventsRoutes(app: App, svc: EventsService): void {
  const tags = ['events'];
  app.get(
    '/api/v1/events',
    {
      config: { access: 'events.view' },
      schema: {
        tags,
        summary:
          'Every partnership event with its link figures (archived ones too unless includeArchived=false), newest year first',
        querystring: eventListQuerySchema,
        response: { 200: z.object({ items: z.array(eventSchema) }) },
      },
    },
    async (req) => ({ items: await svc.list(req.query) }),
  );

  app.get(
    '/api/v1/events/:id',
    {
      config: { access: 'events.view' },
      schema: {
        tags,
        summary: 'One event with its tier presets, figures, links and upcoming follow-ups',
        params: idParamsSchema,
        response: { 200: eventDetailSchema },
      },
    },
    async (req) => svc.detail(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/events',
    {
      config: { access: 'events.create' },
      schema: { tags, summary: 'Create an event', body: eventCreateSchema, response: { 201: eventSchema } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/events/:id',
    {
      config: { access: 'events.edit' },
      schema: {
        tags,
        summary:
          'Update an event, archive it (archived: true) or restore it (send the version you read; 409 if it changed since)',
        params: idParamsSchema,
        body: eventUpdateSchema,
        response: { 200: eventSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/events/:id',
    {
      config: { access: 'events.delete' },
      schema: {
        tags,
        summary: 'Delete an event without links (409 while it has links: archive it instead)',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
