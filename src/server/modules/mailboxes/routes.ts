import { z } from 'zod';
import { idParamsSchema, okSchema, pageSchema } from '../../../shared/common.schema';
import { documentSchema } from '../../../shared/documents.schema';
import {
  assignResultSchema,
  assignSchema,
  composeResultSchema,
  composeSchema,
  connectionTestResultSchema,
  connectionTestSchema,
  ignoreResultSchema,
  ignoreSchema,
  ingestResultSchema,
  mailboxCreatedSchema,
  mailboxCreateSchema,
  mailboxSchema,
  mailboxUpdateSchema,
  mailMessageSchema,
  partnerEmailActivitySchema,
  saveAttachmentSchema,
  syncStartedSchema,
  unmatchedQuerySchema,
} from '../../../shared/mailboxes.schema';
import { actorOf, type App } from '../../kernel/http';
import type { CommunicationsService } from '../communications/service';
import type { MailInboxService } from './inbox';
import type { MailSender } from './outbound';
import type { PartnerEmailActivityService } from './partnerActivity';
import type { MailboxesService } from './service';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

export async function mailboxesRoutes(
  app: App,
  svc: MailboxesService,
  inbox: MailInboxService,
  sender: MailSender,
  activity: PartnerEmailActivityService,
  communications: CommunicationsService,
): Promise<void> {
  const tags = ['email sync'];
  app.get(
    '/api/v1/communications/:id/mail',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary:
          'The synced mail a communication was filed from, with its attachments (404 when it was not synced from a mailbox you can see)',
        params: idParamsSchema,
        response: { 200: mailMessageSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const c = await communications.get(actor, req.params.id);
      return inbox.forCommunication(actor, c.externalMessageId);
    },
  );
  app.get(
    '/api/v1/partners/:id/email-activity',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary:
          'A partner’s synced email: counts in and out, the latest and its actor, the last contact of any kind, and the connected inboxes with their health',
        params: idParamsSchema,
        response: { 200: partnerEmailActivitySchema },
      },
    },
    async (req) => activity.of(actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/mailboxes',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary: 'Your connected mailboxes with their health (everyone’s with integrations.view)',
        response: { 200: z.object({ items: z.array(mailboxSchema) }) },
      },
    },
    async (req) => ({ items: await svc.list(actorOf(req)) }),
  );

  app.get(
    '/api/v1/mailboxes/:id',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary: 'One mailbox and its health',
        params: idParamsSchema,
        response: { 200: mailboxSchema },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/mailboxes',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Connect a mailbox (IMAP + SMTP) or a forwarder; a forwarder’s signing key is answered once',
        body: mailboxCreateSchema,
        response: { 201: mailboxCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/mailboxes/:id',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Change a mailbox (omit a password to keep it; enabled:false pauses it)',
        params: idParamsSchema,
        body: mailboxUpdateSchema,
        response: { 200: mailboxSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/mailboxes/:id',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Disconnect a mailbox (its communications stay)',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/mailboxes/test',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Try IMAP and/or SMTP settings; a failure answers the server’s own message',
        body: connectionTestSchema,
        response: { 200: connectionTestResultSchema },
      },
    },
    async (req) => svc.test(actorOf(req), req.body),
  );

  app.post(
    '/api/v1/mailboxes/:id/sync',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Sync now: queues a job (follow it at GET /api/v1/jobs/{id})',
        params: idParamsSchema,
        response: { 202: syncStartedSchema },
      },
    },
    async (req, reply) => reply.status(202).send(await svc.syncNow(actorOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/mailboxes/:id/send',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Send an email to a partner contact through this mailbox’s SMTP; logged as outbound',
        params: idParamsSchema,
        body: composeSchema,
        response: { 201: composeResultSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await sender.send(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/mail-messages/unmatched',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary: 'The unmatched inbox: synced mail that matched no partner, newest first',
        querystring: unmatchedQuerySchema,
        response: { 200: pageSchema(mailMessageSchema) },
      },
    },
    async (req) => inbox.unmatched(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/mail-messages/:id',
    {
      config: { access: 'communications.view' },
      schema: {
        tags,
        summary: 'One synced message (with its attachments)',
        params: idParamsSchema,
        response: { 200: mailMessageSchema },
      },
    },
    async (req) => inbox.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/mail-messages/:id/assign',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'File an unmatched message for a partner (optionally adding the address as a contact)',
        params: idParamsSchema,
        body: assignSchema,
        response: { 200: assignResultSchema },
      },
    },
    async (req) => inbox.assign(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/mail-messages/:id/ignore',
    {
      config: { access: 'communications.create' },
      schema: {
        tags,
        summary: 'Ignore the sender (or the sender’s domain) of this message in its mailbox for good',
        params: idParamsSchema,
        body: ignoreSchema,
        response: { 200: ignoreResultSchema },
      },
    },
    async (req) => inbox.ignore(actorOf(req), req.params.id, req.body.scope),
  );

  app.post(
    '/api/v1/mail-messages/:id/attachments/save',
    {
      config: { access: 'documents.create' },
      schema: {
        tags,
        summary: 'Save an attachment of a synced message as a partner document (fetched again from IMAP)',
        params: idParamsSchema,
        body: saveAttachmentSchema,
        response: { 201: documentSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inbox.saveAttachment(actorOf(req), req.params.id, req.body)),
  );

  // The ingest endpoint reads the raw body (the signature covers the exact bytes), so it lives in its own
  // scope with its own JSON parser. Public at the route level; the service demands a token or a signature.
  await app.register(async (scope) => {
    const child = scope as unknown as App;
    child.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      req.rawBody = body as string;
      try {
        done(null, (body as string).length ? JSON.parse(body as string) : {});
      } catch (e) {
        done(e as Error, undefined);
      }
    });
    child.post(
      '/api/v1/mailboxes/:id/ingest',
      {
        config: { access: 'public' },
        bodyLimit: 5 * 1024 * 1024,
        schema: {
          tags,
          summary:
            'Ingest mail from an external forwarder (reference Apps Script shape; ≤500 entries). Authenticate with an API token with the "ingest" scope, or sign: X-Accord-Timestamp + X-Accord-Signature = sha256=HMAC(key, "<timestamp>.<raw body>")',
          params: idParamsSchema,
          body: z.unknown(),
          response: { 200: ingestResultSchema, 207: ingestResultSchema },
        },
      },
      async (req, reply) => {
        const header = (name: string) => {
          const v = req.headers[name];
          return Array.isArray(v) ? v[0] : v;
        };
        const { status, body } = await svc.ingest(
          req.params.id,
          req.actor,
          { timestamp: header('x-accord-timestamp'), signature: header('x-accord-signature') },
          req.rawBody ?? '',
          req.body,
        );
        return reply.status(status as 200 | 207).send(body);
      },
    );
  });
}
