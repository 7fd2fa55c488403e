import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  documentCreateSchema,
  documentListQuerySchema,
  documentSchema,
  documentUpdateSchema,
  MAX_UPLOAD_BYTES,
} from '../../../shared/documents.schema';
import { AppError } from '../../kernel/errors';
import { actorOf, type App } from '../../kernel/http';
import type { DocumentsService } from './service';

export function documentsRoutes(app: App, svc: DocumentsService): void {
  const tags = ['documents'];
  app.get(
    '/api/v1/documents',
    {
      config: { access: 'documents.view' },
      schema: {
        tags,
        summary: "A partner's or an event's documents, most recently changed first",
        querystring: documentListQuerySchema,
        response: { 200: z.object({ items: z.array(documentSchema) }) },
      },
    },
    async (req) => ({ items: await svc.list(actorOf(req), req.query) }),
  );

  app.get(
    '/api/v1/documents/:id',
    {
      config: { access: 'documents.view' },
      schema: { tags, summary: 'One document', params: idParamsSchema, response: { 200: documentSchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/documents',
    {
      config: { access: 'documents.create' },
      schema: {
        tags,
        summary: 'Add a document reference',
        body: documentCreateSchema,
        response: { 201: documentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/documents/:id',
    {
      config: { access: 'documents.edit' },
      schema: {
        tags,
        summary: 'Edit a document',
        params: idParamsSchema,
        body: documentUpdateSchema,
        response: { 200: documentSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/documents/:id',
    {
      config: { access: 'documents.delete' },
      schema: {
        tags,
        summary: 'Delete a document and its file',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/v1/documents/:id/file',
    {
      config: { access: 'documents.edit' },
      schema: {
        tags,
        summary: `Upload the document's file (multipart/form-data, field "file", at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; PDF, images, office files, CSV, text)`,
        params: idParamsSchema,
        response: { 200: documentSchema },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError(
          415,
          'unsupported_media_type',
          'Send the file as multipart/form-data in a field named "file".',
        );
      const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
      if (!part)
        throw new AppError(
          400,
          'bad_request',
          'The request has no file in it. Send it in a field named "file".',
        );
      const bytes = await part.toBuffer();
      return svc.attach(actorOf(req), req.params.id, part.filename, bytes);
    },
  );

  app.get(
    '/api/v1/documents/:id/file',
    {
      config: { access: 'documents.view' },
      schema: { tags, summary: "Download the document's file", params: idParamsSchema },
    },
    async (req, reply) => {
      const file = await svc.file(actorOf(req), req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
}
