import { z } from 'zod';
import { idParamsSchema } from '../../../shared/common.schema';
import {
  partnerDetailSchema,
  partnerListPageSchema,
  type PartnerTabCounts,
} from '../../../shared/partnerLifecycle.schema';
import {
  filterOptionsSchema,
  partnerCreateSchema,
  partnerLevelCreateSchema,
  partnerLevelSchema,
  partnerListQuerySchema,
  partnerSchema,
  partnerUpdateSchema,
} from '../../../shared/partners.schema';
import type { Actor } from '../../kernel/context';
import { actorOf, type App } from '../../kernel/http';
import type { PartnersService } from './service';

export function partnersRoutes(
  app: App,
  svc: PartnersService,
  /** The tab counts, without their own visibility check: only sent beside a successful read of the partner. */
  tabCounts: (actor: Actor, id: string) => Promise<PartnerTabCounts>,
): void {
  const tags = ['partners'];
  app.get(
    '/api/v1/partners',
    {
      config: { access: 'partners.view' },
      schema: {
        tags,
        summary:
          'The partner directory: filters on every field (link-level status/event/packageTier; level, status, owner, country, city, region, industry, tags, visibility, created/updated range, archived), sorting, keyset pages, per-partner link metrics, and how many matches your visibility settings hide',
        querystring: partnerListQuerySchema,
        response: { 200: partnerListPageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/partners/filter-options',
    {
      config: { access: 'partners.view' },
      schema: {
        tags,
        summary: 'Statuses, package tiers, partner levels and tags to filter by',
        response: { 200: filterOptionsSchema },
      },
    },
    async () => svc.filterOptions(),
  );

  app.get(
    '/api/v1/partners/:id',
    {
      config: { access: 'partners.view' },
      schema: {
        tags,
        summary:
          'One partner with its metrics; with=counts adds the tab counts of the detail page in the same answer',
        params: idParamsSchema,
        querystring: z.strictObject({ with: z.enum(['counts']).optional() }),
        response: { 200: partnerDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.with !== 'counts') return svc.get(actor, req.params.id);
      const [partner, counts] = await Promise.all([
        svc.get(actor, req.params.id),
        tabCounts(actor, req.params.id),
      ]);
      return { ...partner, tabCounts: counts };
    },
  );

  app.post(
    '/api/v1/partners',
    {
      config: { access: 'partners.create' },
      schema: {
        tags,
        summary: 'Create a partner (company names are unique ignoring case and punctuation)',
        body: partnerCreateSchema,
        response: { 201: partnerSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/partners/:id',
    {
      config: { access: 'partners.edit' },
      schema: {
        tags,
        summary: 'Update a partner (send the version you read)',
        params: idParamsSchema,
        body: partnerUpdateSchema,
        response: { 200: partnerSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/partners/:id/archive',
    {
      config: { access: 'partners.edit' },
      schema: {
        tags,
        summary: 'Archive a partner',
        params: idParamsSchema,
        response: { 200: partnerSchema },
      },
    },
    async (req) => svc.setArchived(actorOf(req), req.params.id, true),
  );

  app.post(
    '/api/v1/partners/:id/unarchive',
    {
      config: { access: 'partners.edit' },
      schema: {
        tags,
        summary: 'Restore an archived partner',
        params: idParamsSchema,
        response: { 200: partnerSchema },
      },
    },
    async (req) => svc.setArchived(actorOf(req), req.params.id, false),
  );

  app.get(
    '/api/v1/partner-levels',
    {
      config: { access: 'partners.view' },
      schema: {
        tags,
        summary: 'Partner levels in order',
        response: { 200: z.object({ items: z.array(partnerLevelSchema) }) },
      },
    },
    async () => ({ items: await svc.levels() }),
  );

  app.post(
    '/api/v1/partner-levels',
    {
      config: { access: 'settings.configure' },
      schema: {
        tags,
        summary: 'Add a partner level',
        body: partnerLevelCreateSchema,
        response: { 201: partnerLevelSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createLevel(actorOf(req), req.body.name, req.body.rank)),
  );
}
