import { z } from 'zod';
import { importPreviewSchema, importStartSchema } from '../../../shared/exchange.schema';
import { partnerListQuerySchema } from '../../../shared/partners.schema';
import { recordImportPreviewSchema, recordImportStartSchema } from '../../../shared/imports.schema';
import { AppError } from '../../kernel/errors';
import { actorOf, type App, type RouteAccess } from '../../kernel/http';
import type { ImportService } from './imports';
import type { ExchangeService } from './service';

/** The two routes of an import: upload for a preview, then start the (dry) run as a job. */
export function importRoutes(
  app: App,
  imports: ImportService,
  opts: {
    kind: string;
    path: string;
    access: RouteAccess;
    what: string;
    preview: z.ZodType;
    start: z.ZodType;
  },
): void {
  const tags = ['import-export'];
  app.post(
    `${opts.path}/preview`,
    {
      config: { access: opts.access },
      schema: {
        tags,
        summary: `Upload a CSV or XLSX file of ${opts.what} (multipart field "file"): its columns, the suggested mapping and the first rows`,
        response: { 200: opts.preview },
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
      return imports.preview(opts.kind, actorOf(req), part.filename, await part.toBuffer());
    },
  );

  app.post(
    opts.path,
    {
      config: { access: opts.access },
      schema: {
        tags,
        summary: `Import ${opts.what} (or check them in a dry run) as a background job; poll /api/v1/jobs/:id for progress and the report of every row`,
        body: opts.start,
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(
          await imports.start(opts.kind, actorOf(req), req.body as Parameters<ImportService['start']>[2]),
        ),
  );
}

export function exchangeRoutes(app: App, svc: ExchangeService, imports: ImportService): void {
  app.get(
    '/api/v1/partnerships/export',
    {
      config: { access: 'partners.view' },
      schema: {
        tags: ['import-export'],
        summary:
          'Download partners × links as CSV or XLSX (the 24 columns of the row model), optionally filtered like the partner directory',
        querystring: partnerListQuerySchema.omit({ limit: true, cursor: true, sort: true }).extend({
          format: z.enum(['csv', 'xlsx']).default('csv'),
          includeArchived: z.enum(['true', 'false']).default('true'),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const file = await svc.exportFile(actorOf(req), format, filter);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  importRoutes(app, imports, {
    kind: 'partnerships',
    path: '/api/v1/partnerships/import',
    access: 'partners.create',
    what: 'partners × links (the partnerships row model)',
    preview: importPreviewSchema,
    start: importStartSchema,
  });
  for (const [kind, access] of [
    ['partners', 'partners.create'],
    ['consultants', 'consultants.create'],
    ['leads', 'leads.create'],
  ] as const) {
    importRoutes(app, imports, {
      kind,
      path: `/api/v1/${kind}/import`,
      access,
      what: kind,
      preview: recordImportPreviewSchema,
      start: recordImportStartSchema,
    });
  }
}
