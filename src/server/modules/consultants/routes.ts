import { z } from 'zod';
import { idParamsSchema, idSchema, okSchema } from '../../../shared/common.schema';
import {
  consultantListQuerySchema,
  consultantPageSchema,
  partnerConsultantsSchema,
} from '../../../shared/consultants.schema';
import { contactCreateSchema, contactSchema, contactUpdateSchema } from '../../../shared/partners.schema';
import { actorOf, type App } from '../../kernel/http';
import type { ConsultantsService } from './service';

export function consultantsRoutes(app: App, svc: ConsultantsService): void {
  const tags = ['consultants'];
  app.get(
    '/api/v1/consultants',
    {
      config: { access: 'consultants.view' },
      schema: {
        tags,
        summary:
          'People across the partners you may see (search, filter by partner; sort=lastName|createdAt|updatedAt)',
        querystring: consultantListQuerySchema,
        response: { 200: consultantPageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/consultants/:id',
    {
      config: { access: 'consultants.view' },
      schema: { tags, summary: 'One person', params: idParamsSchema, response: { 200: contactSchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  const contactParams = z.strictObject({ id: idSchema, contactId: idSchema });
  app.get(
    '/api/v1/partners/:id/contacts',
    {
      config: { access: 'consultants.view' },
      schema: {
        tags,
        summary: "A partner's people you may see, and how many more your visibility settings hide",
        params: idParamsSchema,
        response: { 200: partnerConsultantsSchema },
      },
    },
    async (req) => svc.ofPartner(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/partners/:id/contacts',
    {
      config: { access: 'consultants.create' },
      schema: {
        tags,
        summary:
          'Add a person to a partner (a first or last name is required; one primary person per partner)',
        params: idParamsSchema,
        body: contactCreateSchema,
        response: { 201: contactSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/v1/partners/:id/contacts/:contactId',
    {
      config: { access: 'consultants.edit' },
      schema: {
        tags,
        summary: 'Update a person, or move them to another organisation (send the version you read)',
        params: contactParams,
        body: contactUpdateSchema,
        response: { 200: contactSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.params.contactId, req.body),
  );

  app.delete(
    '/api/v1/partners/:id/contacts/:contactId',
    {
      config: { access: 'consultants.delete' },
      schema: { tags, summary: 'Remove a person', params: contactParams, response: { 200: okSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id, req.params.contactId);
      return { ok: true as const };
    },
  );
}
