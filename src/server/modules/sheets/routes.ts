import { z } from 'zod';
import { idParamsSchema } from '../../../shared/common.schema';
import {
  conflictListQuerySchema,
  conflictListSchema,
  resolveConflictSchema,
  sheetConflictSchema,
  sheetsConfigInputSchema,
  sheetsConfigSchema,
  sheetsStatusSchema,
  syncStartedSchema,
  syncStartSchema,
} from '../../../shared/sheets.schema';
import { AppError } from '../../kernel/errors';
import { actorOf, type App } from '../../kernel/http';
import type { SheetsService } from './service';

const tags = ['integrations'];
const base = '/api/v1/integrations/sheets';

export function sheetsRoutes(app: App, svc: SheetsService): void {
  app.get(
    `${base}/status`,
    {
      config: { access: 'integrations.view' },
      schema: {
        tags,
        summary:
          'Google Sheets sync status (reference §3.8): configured, accessible, last run and its figures, open conflicts; probe=true checks access now',
        querystring: z.strictObject({ probe: z.enum(['true', 'false']).default('false') }),
        response: { 200: sheetsStatusSchema },
      },
    },
    async (req) => svc.status(req.query.probe === 'true' ? 'now' : 'if_stale'),
  );

  app.get(
    `${base}/config`,
    {
      config: { access: 'integrations.configure' },
      schema: {
        tags,
        summary: 'The Sheets settings (the private key is never returned)',
        response: { 200: sheetsConfigSchema },
      },
    },
    async () => svc.config(),
  );

  app.put(
    `${base}/config`,
    {
      config: { access: 'integrations.configure' },
      schema: {
        tags,
        summary:
          'Sets the spreadsheet (URL or id), tab name, auto-push and the service account key file; checks access and returns the status',
        body: sheetsConfigInputSchema,
        response: { 200: sheetsStatusSchema },
      },
    },
    async (req) => svc.saveConfig(actorOf(req), req.body),
  );

  app.delete(
    `${base}/config`,
    {
      config: { access: 'integrations.configure' },
      schema: { tags, summary: 'Disconnects the sheet and forgets the key', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await svc.removeConfig(actorOf(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/sync`,
    {
      config: { access: 'integrations.view' },
      schema: {
        tags,
        summary:
          'Starts a push (CRM → sheet), pull (sheet → CRM) or merge (pull, then push) as a job; poll /api/v1/jobs/:id',
        body: syncStartSchema,
        response: { 202: syncStartedSchema },
      },
    },
    async (req, reply) => reply.status(202).send(await svc.start(actorOf(req), req.body.mode)),
  );

  app.get(
    `${base}/file`,
    {
      config: { access: 'integrations.view' },
      schema: {
        tags,
        summary: 'Push to a file: every row in the sheet layout as CSV or XLSX (upload it back to pull)',
        querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
      },
    },
    async (req, reply) => {
      const file = await svc.downloadFile(actorOf(req), req.query.format);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.post(
    `${base}/file`,
    {
      config: { access: 'integrations.view' },
      schema: {
        tags,
        summary:
          'Pull from a file: upload a CSV or XLSX in the sheet layout (multipart field "file"); applied with the pull rules as a job',
        response: { 202: syncStartedSchema },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError(
          415,
          'unsupported_media_type',
          'Send the file as multipart/form-data in a field named "file".',
        );
      const part = await req.file({ limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
      if (!part)
        throw new AppError(
          400,
          'bad_request',
          'The request has no file in it. Send it in a field named "file".',
        );
      return reply
        .status(202)
        .send(await svc.startFilePull(actorOf(req), part.filename, await part.toBuffer()));
    },
  );

  app.get(
    `${base}/conflicts`,
    {
      config: { access: 'integrations.view' },
      schema: {
        tags,
        summary: 'Rows a pull did not apply because both the sheet and the CRM changed them',
        querystring: conflictListQuerySchema,
        response: { 200: conflictListSchema },
      },
    },
    async (req) => svc.conflicts(req.query.status),
  );

  app.post(
    `${base}/conflicts/:id/resolve`,
    {
      config: { access: 'integrations.view' },
      schema: {
        tags,
        summary:
          'Chooses which side wins: sheet (apply the row to the CRM) or crm (the next push overwrites the row)',
        params: idParamsSchema,
        body: resolveConflictSchema,
        response: { 200: sheetConflictSchema },
      },
    },
    async (req) => svc.resolve(actorOf(req), req.params.id, req.body.winner),
  );
}
