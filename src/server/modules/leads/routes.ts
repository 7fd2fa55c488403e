import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  leadConversionSchema,
  leadConvertSchema,
  leadCreateSchema,
  leadListQuerySchema,
  leadPageSchema,
  leadSchema,
  leadUpdateSchema,
} from '../../../shared/leads.schema';
import { actorOf, type App } from '../../kernel/http';
import type { LeadsService } from './service';

export function leadsRoutes(app: App, svc: LeadsService): void {
  const tags = ['leads'];
  app.get(
    '/api/v1/leads',
    {
      config: { access: 'leads.view' },
      schema: {
        tags,
        summary:
          'Leads you may see (filter by partner, status, source, owner, campaign; sort=updatedAt|createdAt|name), with how many your visibility settings hide',
        querystring: leadListQuerySchema,
        response: { 200: leadPageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/leads/:id',
    {
      config: { access: 'leads.view' },
      schema: { tags, summary: 'One lead', params: idParamsSchema, response: { 200: leadSchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/leads',
    {
      config: { access: 'leads.create' },
      schema: { tags, summary: 'Create a lead', body: leadCreateSchema, response: { 201: leadSchema } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/leads/:id',
    {
      config: { access: 'leads.edit' },
      schema: {
        tags,
        summary: 'Update a lead (send the version you read; a converted lead no longer changes)',
        params: idParamsSchema,
        body: leadUpdateSchema,
        response: { 200: leadSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/leads/:id/convert',
    {
      config: { access: 'leads.edit' },
      schema: {
        tags,
        summary:
          'Convert a lead: an opportunity, optionally a new account and the person there, in one transaction; records the conversion date',
        params: idParamsSchema,
        body: leadConvertSchema,
        response: { 200: leadConversionSchema },
      },
    },
    async (req) => svc.convert(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/leads/:id',
    {
      config: { access: 'leads.delete' },
      schema: { tags, summary: 'Delete a lead', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
