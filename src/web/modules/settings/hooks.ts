import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { settingsApi, type SettingsPatch } from './api';

export const SETTINGS_KEY = ['settings'] as const;

export function useSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: settingsApi.get, staleTime: 5 * 60_000 });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => settingsApi.update(patch),
    onSuccess: (s) => {
      qc.setQueryData(SETTINGS_KEY, s);
      void qc.invalidateQueries({ queryKey: ['history', 'settings'] });
    },
  });
}

export function useTestEmail() {
  return useMutation({ mutationFn: (to: string) => settingsApi.testEmail(to) });
}
