import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  deleteImpactSchema,
  duplicateQuerySchema,
  duplicatesSchema,
  partnerBulkResultSchema,
  partnerBulkSchema,
  partnerDeleteQuerySchema,
  partnerExportSchema,
  partnerTabCountsSchema,
  trashPageSchema,
  trashQuerySchema,
} from '../../../shared/partnerLifecycle.schema';
import { actorOf, type App } from '../../kernel/http';
import type { PartnerBulkService } from './bulk';
import type { PartnerLifecycleService } from './lifecycle';

export function partnerLifecycleRoutes(
  app: App,
  svc: PartnerLifecycleService,
  bulk: PartnerBulkService,
): void {
  const tags = ['partners'];
  app.get(
    '/api/v1/partners/duplicates',
    {
      config: { access: 'partners.view' },
      schema: {
        tags,
        summary:
          'Before save: existing organisations with the same normalised name, website domain or email domain, with links',
        querystring: duplicateQuerySchema,
        response: { 200: duplicatesSchema },
      },
    },
    async (req) => svc.duplicates(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/partners/:id/counts',
    {
      config: { access: 'partners.view' },
      schema: {
        tags,
        summary: "The detail page's tab counts, each with how many records your visibility settings hide",
        params: idParamsSchema,
        response: { 200: partnerTabCountsSchema },
      },
    },
    async (req) => svc.tabCounts(actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/partners/:id/impact',
    {
      config: { access: 'partners.delete' },
      schema: {
        tags,
        summary:
          'What deleting this partner affects: counts of consultants, accounts, cases, leads, opportunities, activities',
        params: idParamsSchema,
        response: { 200: deleteImpactSchema },
      },
    },
    async (req) => svc.impact(actorOf(req), req.params.id),
  );

  app.delete(
    '/api/v1/partners/:id',
    {
      config: { access: 'partners.delete' },
      schema: {
        tags,
        summary:
          'Move a partner to the trash (restorable for 30 days); related=delete takes its records along, related=unlink keeps them without a partner',
        params: idParamsSchema,
        querystring: partnerDeleteQuerySchema,
        response: { 200: deleteImpactSchema },
      },
    },
    async (req) => svc.remove(actorOf(req), req.params.id, req.query.related),
  );

  app.get(
    '/api/v1/partners/trash',
    {
      config: { access: 'partners.delete' },
      schema: {
        tags,
        summary: 'Partners deleted in the last 30 days that you may see, newest first',
        querystring: trashQuerySchema,
        response: { 200: trashPageSchema },
      },
    },
    async (req) => svc.trash(actorOf(req), req.query),
  );

  app.post(
    '/api/v1/partners/:id/restore',
    {
      config: { access: 'partners.delete' },
      schema: {
        tags,
        summary: 'Restore a partner from the trash with the records its delete took or unlinked',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.restore(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/partners/bulk',
    {
      config: { access: 'partners.edit' },
      schema: {
        tags,
        summary:
          'Archive, unarchive, change the owner of, or add / remove a tag on selected partners: all or nothing, audited per partner',
        body: partnerBulkSchema,
        response: { 200: partnerBulkResultSchema },
      },
    },
    async (req) => bulk.bulk(actorOf(req), req.body),
  );

  app.post(
    '/api/v1/partners/export',
    {
      config: { access: 'partners.view' },
      schema: {
        tags,
        summary: 'Download the selected partners (ids) or all that a list filter matches, as CSV or XLSX',
        body: partnerExportSchema,
      },
    },
    async (req, reply) => {
      const file = await bulk.exportFile(actorOf(req), req.body);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
}
