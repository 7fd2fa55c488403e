import { z } from 'zod';
import { okSchema, pageSchema } from '../../../shared/common.schema';
import { documentSchema } from '../../../shared/documents.schema';
import {
  assignResultSchema,
  composeResultSchema,
  connectionTestResultSchema,
  ignoreResultSchema,
  mailboxCreatedSchema,
  mailboxSchema,
  mailMessageSchema,
  partnerEmailActivitySchema,
  syncStartedSchema,
  type Mailbox,
  type MailMessage,
  type PartnerEmailActivity,
} from '../../../shared/mailboxes.schema';
import { api } from '../../api/client';

export type { Mailbox, MailMessage, PartnerEmailActivity };

export interface ImapInput {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  auth: 'password' | 'xoauth2';
  secret?: string;
}
export interface SmtpInput {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password?: string;
}
export interface MailboxInput {
  kind: 'imap' | 'forwarder';
  email: string;
  label: string;
  imap?: ImapInput;
  smtp: SmtpInput | null;
  syncSince: string | null;
}
export interface ComposeInput {
  organizationId: string;
  contactId: string | null;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
}

const id = (v: string) => encodeURIComponent(v);

export const mailboxesApi = {
  list: () => api.get('/api/v1/mailboxes', z.object({ items: z.array(mailboxSchema) })),
  create: (input: MailboxInput) => api.post('/api/v1/mailboxes', mailboxCreatedSchema, input),
  update: (mailboxId: string, patch: Partial<MailboxInput> & { version: number; enabled?: boolean }) =>
    api.patch(`/api/v1/mailboxes/${id(mailboxId)}`, mailboxSchema, patch),
  remove: (mailboxId: string) => api.delete(`/api/v1/mailboxes/${id(mailboxId)}`, okSchema),
  test: (input: { mailboxId?: string; imap?: ImapInput; smtp?: SmtpInput | null }) =>
    api.post('/api/v1/mailboxes/test', connectionTestResultSchema, input),
  sync: (mailboxId: string) => api.post(`/api/v1/mailboxes/${id(mailboxId)}/sync`, syncStartedSchema),
  unmatched: (mailboxId?: string) =>
    api.get('/api/v1/mail-messages/unmatched', pageSchema(mailMessageSchema), { mailboxId, limit: 100 }),
  assign: (
    messageId: string,
    body: {
      organizationId: string;
      createContact: { email: string; firstName: string; lastName: string } | null;
    },
  ) => api.post(`/api/v1/mail-messages/${id(messageId)}/assign`, assignResultSchema, body),
  ignore: (messageId: string, scope: 'address' | 'domain') =>
    api.post(`/api/v1/mail-messages/${id(messageId)}/ignore`, ignoreResultSchema, { scope }),
  communicationMail: (communicationId: string, signal?: AbortSignal) =>
    api.get(`/api/v1/communications/${id(communicationId)}/mail`, mailMessageSchema, undefined, signal),
  saveAttachment: (messageId: string, part: string, organizationId?: string) =>
    api.post(`/api/v1/mail-messages/${id(messageId)}/attachments/save`, documentSchema, {
      part,
      organizationId,
    }),
  partnerActivity: (partnerId: string, signal?: AbortSignal) =>
    api.get(
      `/api/v1/partners/${id(partnerId)}/email-activity`,
      partnerEmailActivitySchema,
      undefined,
      signal,
    ),
  send: (mailboxId: string, input: ComposeInput) =>
    api.post(`/api/v1/mailboxes/${id(mailboxId)}/send`, composeResultSchema, input),
};
