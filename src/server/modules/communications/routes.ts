import { idParamsSchema, okSchema, pageSchema } from '../../../shared/common.schema';
import {
  communicationCreateSchema,
  communicationListQuerySchema,
  communicationSchema,
  communicationUpdateSchema,
  followUpDoneSchema,
} from '../../../shared/communications.schema';
import { actorOf, type App } from '../../kernel/http';
import type { CommunicationsService } from './service';

export function communicationsRoutes(app: App, svc: CommunicationsService): void {
  const tags = ['communications'];
  app.get(
    '/api/v1/communications',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary: 'Timeline of communications, newest first (filter by partner, event, follow-up state)',
        querystring: communicationListQuerySchema,
        response: { 200: pageSchema(communicationSchema) },
      },
    },
    async (req) => {
      const { cursor, limit, ...f } = req.query;
      return svc.list(actorOf(req), f, cursor, limit);
    },
  );

  app.get(
    '/api/v1/communications/:id',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary: 'One communication',
        params: idParamsSchema,
        response: { 200: communicationSchema },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/communications',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Log a communication',
        body: communicationCreateSchema,
        response: { 201: communicationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/communications/:id',
    {
      config: { access: 'communications.edit' },
      schema: {
        tags,
        summary: 'Edit a communication (a new follow-up date re-opens its follow-up)',
        params: idParamsSchema,
        body: communicationUpdateSchema,
        response: { 200: communicationSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/communications/:id/follow-up-done',
    {
      config: { access: 'communications.edit' },
      schema: {
        tags,
        summary: 'Mark the follow-up done (or not done)',
        params: idParamsSchema,
        body: followUpDoneSchema,
        response: { 200: communicationSchema },
      },
    },
    async (req) => svc.setFollowUpDone(actorOf(req), req.params.id, req.body.done, req.body.version),
  );

  app.delete(
    '/api/v1/communications/:id',
    {
      config: { access: 'communications.delete' },
      schema: {
        tags,
        summary: 'Delete a communication',
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
