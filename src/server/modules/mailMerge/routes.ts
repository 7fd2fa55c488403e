import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import { MAX_RECIPIENTS, MERGE_FIELDS } from '../../../shared/mailMerge';
import {
  mailMergePreviewSchema,
  mailMergeRequestSchema,
  mailTemplateCreateSchema,
  mailTemplateSchema,
  mailTemplateUpdateSchema,
} from '../../../shared/mailMerge.schema';
import { actorOf, type App } from '../../kernel/http';
import type { MailMergeService } from './service';

export function mailMergeRoutes(app: App, svc: MailMergeService): void {
  const tags = ['mail-merge'];
  app.get(
    '/api/v1/mail-merge/config',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Merge fields and the recipient limit',
        response: { 200: z.object({ fields: z.array(z.string()), maxRecipients: z.number().int() }) },
      },
    },
    async () => ({ fields: [...MERGE_FIELDS], maxRecipients: MAX_RECIPIENTS }),
  );

  app.get(
    '/api/v1/mail-templates',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary: 'Mail-merge templates, most recently changed first',
        response: { 200: z.object({ items: z.array(mailTemplateSchema) }) },
      },
    },
    async () => ({ items: await svc.templates() }),
  );

  app.post(
    '/api/v1/mail-templates',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Create a template (unknown merge fields are refused)',
        body: mailTemplateCreateSchema,
        response: { 201: mailTemplateSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createTemplate(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/mail-templates/:id',
    {
      config: { access: 'communications.edit' },
      schema: {
        tags,
        summary: 'Edit a template',
        params: idParamsSchema,
        body: mailTemplateUpdateSchema,
        response: { 200: mailTemplateSchema },
      },
    },
    async (req) => svc.updateTemplate(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/mail-templates/:id',
    {
      config: { access: 'communications.delete' },
      schema: { tags, summary: 'Archive a template', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await svc.archiveTemplate(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/mail-merge/preview',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Check the recipients and render the mail for the first eligible one',
        body: mailMergeRequestSchema,
        response: { 200: mailMergePreviewSchema },
      },
    },
    async (req) => svc.preview(actorOf(req), req.body),
  );

  app.post(
    '/api/v1/mail-merge/send',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary:
          'Send the mail merge as a job (poll /api/v1/jobs/:id; its result is the per-recipient report)',
        body: mailMergeRequestSchema,
        response: { 202: z.object({ jobId: z.string(), campaignId: z.string() }) },
      },
    },
    async (req, reply) => reply.status(202).send(await svc.start(actorOf(req), req.body)),
  );
}
