import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  boardQuerySchema,
  opportunityBoardSchema,
  opportunityCreateSchema,
  opportunityListQuerySchema,
  opportunityPageSchema,
  opportunitySchema,
  opportunityUpdateSchema,
  stageChangeSchema,
  stageCreateSchema,
  stageSchema,
  stageUpdateSchema,
} from '../../../shared/opportunities.schema';
import { actorOf, type App } from '../../kernel/http';
import type { OpportunitiesService } from './service';
import type { StagesService } from './stages';

export function opportunitiesRoutes(app: App, svc: OpportunitiesService, stages: StagesService): void {
  const tags = ['opportunities'];
  app.get(
    '/api/v1/opportunity-stages',
    {
      config: { access: 'opportunities.view' },
      schema: {
        tags,
        summary: 'The pipeline: stages in order with default probability, outcome and committed flag',
        response: { 200: z.object({ items: z.array(stageSchema) }) },
      },
    },
    async () => ({ items: await stages.list() }),
  );

  app.post(
    '/api/v1/opportunity-stages',
    {
      config: { access: 'settings.configure' },
      schema: { tags, summary: 'Add a stage', body: stageCreateSchema, response: { 201: stageSchema } },
    },
    async (req, reply) => reply.status(201).send(await stages.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/opportunity-stages/:id',
    {
      config: { access: 'settings.configure' },
      schema: {
        tags,
        summary: 'Rename, re-weight, reorder a stage or change whether it counts as committed',
        params: idParamsSchema,
        body: stageUpdateSchema,
        response: { 200: stageSchema },
      },
    },
    async (req) => stages.update(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/opportunities',
    {
      config: { access: 'opportunities.view' },
      schema: {
        tags,
        summary:
          'Deals you may see (filter by partner, account, stage, outcome, owner, expected close; sort=updatedAt|createdAt|name|amount), with how many your visibility settings hide',
        querystring: opportunityListQuerySchema,
        response: { 200: opportunityPageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/opportunities/board',
    {
      config: { access: 'opportunities.view' },
      schema: {
        tags,
        summary:
          'The kanban: a column per stage with its deals, count and totals (amount and weighted) per currency',
        querystring: boardQuerySchema,
        response: { 200: opportunityBoardSchema },
      },
    },
    async (req) => svc.board(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/opportunities/:id',
    {
      config: { access: 'opportunities.view' },
      schema: { tags, summary: 'One deal', params: idParamsSchema, response: { 200: opportunitySchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/opportunities',
    {
      config: { access: 'opportunities.create' },
      schema: {
        tags,
        summary: 'Create a deal (stage default: the first open one; probability default: the stage’s)',
        body: opportunityCreateSchema,
        response: { 201: opportunitySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/opportunities/:id',
    {
      config: { access: 'opportunities.edit' },
      schema: {
        tags,
        summary: 'Update a deal (send the version you read)',
        params: idParamsSchema,
        body: opportunityUpdateSchema,
        response: { 200: opportunitySchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/opportunities/:id/stage',
    {
      config: { access: 'opportunities.edit' },
      schema: {
        tags,
        summary: 'Move a deal to another stage (the board drag; a lost stage needs lostReason)',
        params: idParamsSchema,
        body: stageChangeSchema,
        response: { 200: opportunitySchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/opportunities/:id',
    {
      config: { access: 'opportunities.delete' },
      schema: { tags, summary: 'Delete a deal', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
