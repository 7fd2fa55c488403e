import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  caseCreateSchema,
  caseListQuerySchema,
  casePageSchema,
  caseSchema,
  caseUpdateSchema,
} from '../../../shared/cases.schema';
import { actorOf, type App } from '../../kernel/http';
import type { CasesService } from './service';

export function casesRoutes(app: App, svc: CasesService): void {
  const tags = ['cases'];
  app.get(
    '/api/v1/cases',
    {
      config: { access: 'cases.view' },
      schema: {
        tags,
        summary:
          'Cases you own or are assigned (filter by partner, account, status, priority, assignee; sort=updatedAt|createdAt|subject), with how many your visibility settings hide',
        querystring: caseListQuerySchema,
        response: { 200: casePageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { access: 'cases.view' },
      schema: { tags, summary: 'One case', params: idParamsSchema, response: { 200: caseSchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/cases',
    {
      config: { access: 'cases.create' },
      schema: {
        tags,
        summary: 'Open a case (assigned to you unless you say otherwise)',
        body: caseCreateSchema,
        response: { 201: caseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/cases/:id',
    {
      config: { access: 'cases.edit' },
      schema: {
        tags,
        summary: 'Update a case (send the version you read)',
        params: idParamsSchema,
        body: caseUpdateSchema,
        response: { 200: caseSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/cases/:id',
    {
      config: { access: 'cases.delete' },
      schema: { tags, summary: 'Delete a case', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
