import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  activityCreateSchema,
  activityListQuerySchema,
  activityPageSchema,
  activitySchema,
  activityUpdateSchema,
} from '../../../shared/activities.schema';
import { actorOf, type App } from '../../kernel/http';
import type { ActivitiesService } from './service';

export function activitiesRoutes(app: App, svc: ActivitiesService): void {
  const tags = ['activities'];
  app.get(
    '/api/v1/activities',
    {
      config: { access: 'activities.view' },
      schema: {
        tags,
        summary:
          'Sales activities you may see, newest first (filter by partner, person, lead, deal, type, owner, dates), with how many your visibility settings hide',
        querystring: activityListQuerySchema,
        response: { 200: activityPageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/activities/:id',
    {
      config: { access: 'activities.view' },
      schema: { tags, summary: 'One activity', params: idParamsSchema, response: { 200: activitySchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/activities',
    {
      config: { access: 'activities.create' },
      schema: {
        tags,
        summary: 'Log a call, meeting, email, task or note (against a partner, lead or deal)',
        body: activityCreateSchema,
        response: { 201: activitySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/activities/:id',
    {
      config: { access: 'activities.edit' },
      schema: {
        tags,
        summary: 'Edit an activity in place (send the version you read)',
        params: idParamsSchema,
        body: activityUpdateSchema,
        response: { 200: activitySchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/activities/:id',
    {
      config: { access: 'activities.delete' },
      schema: { tags, summary: 'Delete an activity', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
