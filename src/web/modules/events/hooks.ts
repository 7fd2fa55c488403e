import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { eventsApi, type EventInput, type EventPatch } from './api';

export const EVENTS_KEY = ['events'] as const;
export const eventListKey = [...EVENTS_KEY, 'list'] as const;
export const eventKey = (id: string) => [...EVENTS_KEY, 'detail', id] as const;

export function useEventList() {
  return useQuery({
    queryKey: eventListKey,
    queryFn: ({ signal }) => eventsApi.list(signal),
    staleTime: 30_000,
  });
}

export function useEvent(id: string | null | undefined) {
  return useQuery({
    queryKey: eventKey(id ?? ''),
    queryFn: ({ signal }) => eventsApi.get(id!, signal),
    enabled: Boolean(id),
  });
}

export function useSaveEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; input: EventPatch }) =>
      v.id
        ? eventsApi.update(v.id, { ...v.input, version: v.version ?? 1 })
        : eventsApi.create(v.input as EventInput),
    onSuccess: (event) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: EVENTS_KEY }),
        qc.invalidateQueries({ queryKey: ['history', 'event', event.id] }),
        // Renames show in links, the partner pages and the overview.
        qc.invalidateQueries({ queryKey: ['links'] }),
        qc.invalidateQueries({ queryKey: ['partners'] }),
        qc.invalidateQueries({ queryKey: ['overview'] }),
      ]),
  });
}

export function useDeleteEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => eventsApi.remove(id),
    onSuccess: (_ok, id) => {
      qc.removeQueries({ queryKey: eventKey(id) });
      return qc.invalidateQueries({ queryKey: eventListKey });
    },
  });
}
