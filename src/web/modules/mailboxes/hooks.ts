import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mailboxesApi, type ComposeInput, type MailboxInput } from './api';

export const MAILBOXES_KEY = ['mailboxes'] as const;
export const UNMATCHED_KEY = ['mail-messages', 'unmatched'] as const;

/** Mailboxes with their health; refreshed while one is syncing so the figures move. */
export function useMailboxes() {
  return useQuery({
    queryKey: MAILBOXES_KEY,
    queryFn: mailboxesApi.list,
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.health.syncing) ? 1500 : 30_000),
  });
}

/**
 * A partner's synced-activity summary. Its key sits under the partners' keys, so logging, editing or
 * deleting a communication and every mailbox change (which refresh those) refresh it too.
 */
export function usePartnerEmailActivity(partnerId: string) {
  return useQuery({
    queryKey: ['partners', 'email-activity', partnerId],
    queryFn: ({ signal }) => mailboxesApi.partnerActivity(partnerId, signal),
  });
}

export function useUnmatched() {
  return useQuery({ queryKey: UNMATCHED_KEY, queryFn: () => mailboxesApi.unmatched() });
}

function useRefresh() {
  const qc = useQueryClient();
  return () =>
    Promise.all(
      [MAILBOXES_KEY, UNMATCHED_KEY, ['communications'], ['partners'], ['overview']].map((queryKey) =>
        qc.invalidateQueries({ queryKey }),
      ),
    );
}

export function useSaveMailbox() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; input: MailboxInput }) =>
      v.id
        ? mailboxesApi
            .update(v.id, { ...v.input, version: v.version ?? 1 })
            .then((mailbox) => ({ mailbox, ingestSecret: null }))
        : mailboxesApi.create(v.input),
    onSuccess: refresh,
  });
}

export function useMailboxActions() {
  const refresh = useRefresh();
  return {
    sync: useMutation({ mutationFn: mailboxesApi.sync, onSuccess: refresh }),
    toggle: useMutation({
      mutationFn: (v: { id: string; version: number; enabled: boolean }) =>
        mailboxesApi.update(v.id, { version: v.version, enabled: v.enabled }),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: mailboxesApi.remove, onSuccess: refresh }),
    assign: useMutation({
      mutationFn: (v: Parameters<typeof mailboxesApi.assign>[1] & { messageId: string }) =>
        mailboxesApi.assign(v.messageId, {
          organizationId: v.organizationId,
          createContact: v.createContact,
        }),
      onSuccess: refresh,
    }),
    ignore: useMutation({
      mutationFn: (v: { messageId: string; scope: 'address' | 'domain' }) =>
        mailboxesApi.ignore(v.messageId, v.scope),
      onSuccess: refresh,
    }),
  };
}

export function useSendEmail() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (v: { mailboxId: string; input: ComposeInput }) => mailboxesApi.send(v.mailboxId, v.input),
    onSuccess: refresh,
  });
}
