import { useInfiniteQuery } from '@tanstack/react-query';
import { keysetPaging } from '../../ui/scopedPages';
import { consultantsApi } from './api';

export const CONSULTANTS_KEY = ['consultants'] as const;

export function useConsultantList(q: string) {
  return useInfiniteQuery({
    queryKey: [...CONSULTANTS_KEY, 'list', q],
    queryFn: ({ pageParam, signal }) => consultantsApi.list({ q, limit: 50, cursor: pageParam }, signal),
    ...keysetPaging,
    placeholderData: (prev) => prev,
  });
}
