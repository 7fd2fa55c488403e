import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_RECIPIENTS } from '../../../shared/mailMerge';
import type { RecipientResult } from '../../../shared/mailMerge.schema';
import { mailMergeApi, type MailMergeRequest, type TemplateInput } from './api';

export const TEMPLATES_KEY = ['mail-templates'] as const;

export function useTemplates() {
  return useQuery({ queryKey: TEMPLATES_KEY, queryFn: mailMergeApi.templates });
}

export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; input: Partial<TemplateInput> }) =>
      v.id
        ? mailMergeApi.updateTemplate(v.id, { ...v.input, version: v.version ?? 1 })
        : mailMergeApi.createTemplate(v.input as TemplateInput),
    onSuccess: () => qc.invalidateQueries({ queryKey: TEMPLATES_KEY }),
  });
}

export function useArchiveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => mailMergeApi.archiveTemplate(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: TEMPLATES_KEY }),
  });
}

/**
 * Who each partner's mail would go to, and whether they can receive it (missing, invalid or duplicate
 * email), in list order. The preview endpoint answers exactly that; the placeholder message is never sent.
 */
export function useRecipientCheck(partnerIds: string[]) {
  return useQuery({
    queryKey: ['mail-merge', 'recipients', partnerIds],
    queryFn: async () => {
      const out = new Map<string, RecipientResult>();
      for (let i = 0; i < partnerIds.length; i += MAX_RECIPIENTS) {
        const res = await mailMergeApi.preview({
          subject: 'check',
          body: 'check',
          partnerIds: partnerIds.slice(i, i + MAX_RECIPIENTS),
          eventId: null,
          templateId: null,
          campaignName: '',
          mailboxId: null,
        });
        for (const r of res.recipients) out.set(r.partnerId, r);
      }
      return out;
    },
    enabled: partnerIds.length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The rendered mail for the first eligible recipient and every recipient's outcome, as the user types. */
export function useMergePreview(r: MailMergeRequest, enabled: boolean) {
  return useQuery({
    queryKey: ['mail-merge', 'preview', r],
    queryFn: () => mailMergeApi.preview(r),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useSendMailMerge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: MailMergeRequest) => mailMergeApi.send(r),
    onSuccess: () => qc.invalidateQueries({ queryKey: TEMPLATES_KEY }),
  });
}
