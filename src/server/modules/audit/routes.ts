import { z } from 'zod';
import { auditEntrySchema, auditListQuerySchema, auditVerifySchema } from '../../../shared/audit.schema';
import { pageSchema } from '../../../shared/common.schema';
import { actorOf, type App } from '../../kernel/http';
import type { AuditService } from './service';

export function auditRoutes(app: App, svc: AuditService): void {
  const tags = ['audit'];
  app.get(
    '/api/v1/audit',
    {
      config: { access: 'audit.view' },
      schema: {
        tags,
        summary: 'The audit log, newest first, with filters',
        querystring: auditListQuerySchema,
        response: { 200: pageSchema(auditEntrySchema) },
      },
    },
    async (req) => svc.list(req.query),
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit.view' },
      schema: {
        tags,
        summary: 'Check the hash chain of the whole audit log',
        response: { 200: auditVerifySchema },
      },
    },
    async () => svc.verify(),
  );

  app.get(
    '/api/v1/history/:entity/:entityId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "One record's change history (who, when, field, old → new)",
        params: z.strictObject({
          entity: z.string().regex(/^[a-z_]{1,40}$/, 'must be a record kind such as user'),
          entityId: z.string().min(1).max(60),
        }),
        querystring: z.strictObject({
          /** Weave in the changes of related records (a partner's consultants, leads, links…). */
          related: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: z.object({ items: z.array(auditEntrySchema) }) },
      },
    },
    async (req) => ({
      items: await svc.history(
        actorOf(req),
        req.params.entity,
        req.params.entityId,
        req.query.related === 'true',
      ),
    }),
  );
}
