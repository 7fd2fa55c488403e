import { useMemo } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Board, Link } from '../../../shared/links.schema';
import { can } from '../../../shared/permissions';
import { useUser } from '../../app/auth';
import { usersApi } from '../users/api';
import { linksApi, type LinkInput } from './api';
import { moveCard, withCardVersion } from './board';

export const boardKey = (eventId: string) => ['events', 'board', eventId] as const;

/**
 * A link changes figures in many places: the event (metrics, board, table), the partner page and directory,
 * the overview. Refresh them all; queries nobody shows are only marked stale.
 */
export function refreshAfterLinkChange(qc: QueryClient, linkId?: string): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: ['events'] }),
    qc.invalidateQueries({ queryKey: ['links'] }),
    qc.invalidateQueries({ queryKey: ['partners'] }),
    qc.invalidateQueries({ queryKey: ['overview'] }),
    linkId ? qc.invalidateQueries({ queryKey: ['history', 'link', linkId] }) : null,
  ]);
}

export function useEventBoard(eventId: string) {
  return useQuery({
    queryKey: boardKey(eventId),
    queryFn: ({ signal }) => linksApi.board(eventId, signal),
  });
}

export function useSaveLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      link?: Link;
      create?: { organizationId: string; eventId: string };
      input: LinkInput;
    }) =>
      v.link
        ? linksApi.update(v.link.id, { ...v.input, version: v.link.version })
        : linksApi.create({ ...v.create!, ...v.input }),
    onSuccess: (link) => refreshAfterLinkChange(qc, link.id),
  });
}

export function useDeleteLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => linksApi.remove(id),
    onSuccess: (_ok, id) => refreshAfterLinkChange(qc, id),
  });
}

/**
 * The kanban drag: the card moves at once; when the server refuses (a stale version, no permission), the
 * board goes back to what it was and the caller shows the server's message.
 */
export function useMoveLink(eventId: string) {
  const qc = useQueryClient();
  const key = boardKey(eventId);
  return useMutation({
    mutationFn: (v: { cardId: string; version: number; to: string }) =>
      linksApi.changeStatus(v.cardId, v.to, v.version),
    onMutate: async (v) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<Board>(key);
      if (before) qc.setQueryData<Board>(key, moveCard(before, v.cardId, v.to));
      return { before };
    },
    onError: (_err, _v, ctx) => {
      if (ctx?.before) qc.setQueryData<Board>(key, ctx.before);
    },
    onSuccess: (link) => {
      qc.setQueryData<Board>(key, (b) => b && withCardVersion(b, link.id, link.version, link.updatedAt));
    },
    onSettled: (_link, _err, v) => refreshAfterLinkChange(qc, v.cardId),
  });
}

export function usePartnerContacts(partnerId: string | null) {
  const me = useUser();
  return useQuery({
    queryKey: ['partners', partnerId, 'contacts'],
    queryFn: ({ signal }) => linksApi.partnerContacts(partnerId!, signal),
    enabled: Boolean(partnerId) && can(me.permissions, 'consultants.view'),
    staleTime: 60_000,
  });
}

/** People who can own a link: every user for those who may list users, else yourself. */
export function useOwnerOptions(current?: { id: string | null; name: string | null }) {
  const me = useUser();
  const mayList = can(me.permissions, 'users.view');
  const users = useQuery({
    queryKey: ['users', 'owner-options'],
    queryFn: ({ signal }) => usersApi.list({ active: 'true', sort: 'name', limit: 200 }, signal),
    enabled: mayList,
    staleTime: 5 * 60_000,
  });
  const items = users.data?.items;
  const currentId = current?.id ?? null;
  const currentName = current?.name ?? null;
  return useMemo(() => {
    const options = new Map<string, string>();
    options.set(me.id, `${me.name} (you)`);
    for (const u of items ?? []) if (u.id !== me.id) options.set(u.id, u.name);
    if (currentId && !options.has(currentId)) options.set(currentId, currentName ?? 'Unknown user');
    return [...options].map(([value, label]) => ({ value, label }));
  }, [me.id, me.name, items, currentId, currentName]);
}

/**
 * In the create form: the partners already in the fixed event (or the events the fixed partner is already
 * in), so the pickers can grey them out instead of letting the server answer 409.
 */
export function useTakenInLinks(fixed: { partnerId?: string; eventId?: string }, enabled: boolean) {
  const { partnerId, eventId } = fixed;
  const q = useQuery({
    queryKey: ['links', 'taken', partnerId ?? null, eventId ?? null],
    queryFn: ({ signal }) => linksApi.list(eventId ? { eventId } : { organizationId: partnerId }, signal),
    enabled: enabled && Boolean(partnerId || eventId) && !(partnerId && eventId),
    staleTime: 30_000,
  });
  const items = q.data?.items;
  return useMemo(
    () =>
      new Map(
        (items ?? []).map((l) =>
          eventId ? [l.organizationId, 'already in this event'] : [l.eventId, 'already involved'],
        ),
      ),
    [items, eventId],
  );
}
