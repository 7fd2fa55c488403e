import { z } from 'zod';
import {
  accountCreateSchema,
  accountLinkSchema,
  accountListQuerySchema,
  accountPageSchema,
  accountSchema,
} from '../../../shared/accounts.schema';
import { idParamsSchema, idSchema, versionSchema } from '../../../shared/common.schema';
import { actorOf, type App } from '../../kernel/http';
import type { AccountsService } from './service';

export function accountsRoutes(app: App, svc: AccountsService): void {
  const tags = ['accounts'];
  const linkParams = z.strictObject({ id: idSchema, accountId: idSchema });
  app.get(
    '/api/v1/accounts',
    {
      config: { access: 'accounts.view' },
      schema: {
        tags,
        summary:
          "Customer accounts you may see (managedById: a partner's managed accounts, with how many your visibility settings hide)",
        querystring: accountListQuerySchema,
        response: { 200: accountPageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id',
    {
      config: { access: 'accounts.view' },
      schema: { tags, summary: 'One account', params: idParamsSchema, response: { 200: accountSchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/accounts',
    {
      config: { access: 'accounts.create' },
      schema: {
        tags,
        summary: 'Create a customer account, optionally managed by a partner from a date',
        body: accountCreateSchema,
        response: { 201: accountSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.put(
    '/api/v1/partners/:id/accounts/:accountId',
    {
      config: { access: 'accounts.edit' },
      schema: {
        tags,
        summary: 'Make this partner the managing partner of an account, from a date (default today)',
        params: linkParams,
        body: accountLinkSchema,
        response: { 200: accountSchema },
      },
    },
    async (req) => svc.link(actorOf(req), req.params.id, req.params.accountId, req.body),
  );

  app.delete(
    '/api/v1/partners/:id/accounts/:accountId',
    {
      config: { access: 'accounts.edit' },
      schema: {
        tags,
        summary: 'The partner no longer manages this account (send the version you read)',
        params: linkParams,
        querystring: z.strictObject({ version: z.coerce.number().pipe(versionSchema) }),
        response: { 200: accountSchema },
      },
    },
    async (req) => svc.unlink(actorOf(req), req.params.id, req.params.accountId, req.query.version),
  );
}
