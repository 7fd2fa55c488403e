import { z } from 'zod';
import { importPreviewSchema, importStartSchema } from '../../../shared/exchange.schema';
import { AppError } from '../../kernel/errors';
import { actorOf, type App } from '../../kernel/http';
import type { ExchangeService } from './service';

export function exchangeRoutes(app: App, svc: ExchangeService): void {
  const tags = ['import-export'];
  app.get(
    '/api/v1/partnerships/export',
    {
      config: { access: 'partners.view' },
      schema: {
        tags,
        summary: 'Download partners × links as CSV or XLSX (the 24 columns of the row model)',
        querystring: z.strictObject({
          format: z.enum(['csv', 'xlsx']).default('csv'),
          includeArchived: z.enum(['true', 'false']).default('true'),
        }),
      },
    },
    async (req, reply) => {
      const file = await svc.exportFile(actorOf(req), req.query.format, req.query.includeArchived === 'true');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.post(
    '/api/v1/partnerships/import/preview',
    {
      config: { access: 'partners.create' },
      schema: {
        tags,
        summary:
          'Upload a CSV or XLSX file (multipart field "file"): its columns, the suggested mapping and the first rows',
        response: { 200: importPreviewSchema },
      },
    },
    async (req) => {
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
      return svc.preview(actorOf(req), part.filename, await part.toBuffer());
    },
  );

  app.post(
    '/api/v1/partnerships/import',
    {
      config: { access: 'partners.create' },
      schema: {
        tags,
        summary:
          'Run an import (or a dry run) as a background job; poll /api/v1/jobs/:id for progress and the report',
        body: importStartSchema,
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => reply.status(202).send(await svc.start(actorOf(req), req.body)),
  );
}
