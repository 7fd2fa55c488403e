import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  savedFilterCreateSchema,
  savedFilterListQuerySchema,
  savedFilterSchema,
  savedFilterUpdateSchema,
} from '../../../shared/savedFilters.schema';
import { actorOf, type App } from '../../kernel/http';
import type { SavedFiltersService } from './service';

/** Saved filters belong to lists of many modules: each call checks the view permission of the filter's module. */
export function savedFiltersRoutes(app: App, svc: SavedFiltersService): void {
  const tags = ['saved filters'];
  app.get(
    '/api/v1/saved-filters',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A list's saved filters: yours (your default first) and those colleagues shared",
        querystring: savedFilterListQuerySchema,
        response: { 200: z.object({ items: z.array(savedFilterSchema) }) },
      },
    },
    async (req) => ({ items: await svc.list(actorOf(req), req.query.module) }),
  );

  app.post(
    '/api/v1/saved-filters',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Save the current filter set under a name, private or shared, optionally as your default',
        body: savedFilterCreateSchema,
        response: { 201: savedFilterSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/saved-filters/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'Rename, share, make default or change one of your saved filters (send the version you read)',
        params: idParamsSchema,
        body: savedFilterUpdateSchema,
        response: { 200: savedFilterSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/saved-filters/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Delete one of your saved filters',
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
