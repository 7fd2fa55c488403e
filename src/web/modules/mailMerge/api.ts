import { z } from 'zod';
import { okSchema } from '../../../shared/common.schema';
import {
  mailMergePreviewSchema,
  mailTemplateSchema,
  type MailMergeSummary,
  type RecipientResult,
} from '../../../shared/mailMerge.schema';
import { api } from '../../api/client';

export type MailTemplate = z.infer<typeof mailTemplateSchema>;
export type MailMergePreview = z.infer<typeof mailMergePreviewSchema>;

export interface MailMergeRequest {
  subject: string;
  body: string;
  partnerIds: string[];
  eventId: string | null;
  templateId: string | null;
  campaignName: string;
  /** One of the user's own mailboxes to send from; null sends through the workspace's SMTP server. */
  mailboxId: string | null;
}

export interface TemplateInput {
  name: string;
  description: string;
  subject: string;
  body: string;
}

const id = (v: string) => encodeURIComponent(v);

export const mailMergeApi = {
  templates: () => api.get('/api/v1/mail-templates', z.object({ items: z.array(mailTemplateSchema) })),
  createTemplate: (input: TemplateInput) => api.post('/api/v1/mail-templates', mailTemplateSchema, input),
  updateTemplate: (templateId: string, patch: Partial<TemplateInput> & { version: number }) =>
    api.patch(`/api/v1/mail-templates/${id(templateId)}`, mailTemplateSchema, patch),
  archiveTemplate: (templateId: string) => api.delete(`/api/v1/mail-templates/${id(templateId)}`, okSchema),
  preview: (r: MailMergeRequest) => api.post('/api/v1/mail-merge/preview', mailMergePreviewSchema, r),
  send: (r: MailMergeRequest) =>
    api.post('/api/v1/mail-merge/send', z.object({ jobId: z.string(), campaignId: z.string() }), r),
};

export type { MailMergeSummary, RecipientResult };
