import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMantineColorScheme } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useAuth } from '../../app/auth';
import { errorMessage } from '../../api/client';
import { meApi, type Theme } from './api';

export const TOKENS_KEY = ['me', 'tokens'] as const;

export function useUpdateProfile() {
  const { updateUser } = useAuth();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: meApi.update,
    onSuccess: (me) => {
      updateUser(me);
      void qc.invalidateQueries({ queryKey: ['history', 'user', me.id] });
    },
  });
}

/** Switches the colour scheme at once and saves it to the profile, so every device follows. */
export function useThemeChoice() {
  const { setColorScheme } = useMantineColorScheme();
  const { updateUser } = useAuth();
  const save = useMutation({
    mutationFn: (theme: Theme) => meApi.update({ theme }),
    onSuccess: updateUser,
    onError: (e) => notifications.show({ color: 'red', title: 'Theme not saved', message: errorMessage(e) }),
  });
  return (theme: Theme) => {
    setColorScheme(theme);
    save.mutate(theme);
  };
}

export function useTokens() {
  return useQuery({ queryKey: TOKENS_KEY, queryFn: meApi.tokens });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: meApi.createToken,
    onSuccess: () => qc.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: meApi.revokeToken,
    onSuccess: () => qc.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
