import { useEffect } from 'react';
import { useMantineColorScheme } from '@mantine/core';
import { useAuth } from './auth';

/** The profile's theme wins over this browser's last choice once the session is known. */
export function ThemeSync() {
  const { session } = useAuth();
  const { setColorScheme } = useMantineColorScheme();
  const theme = session?.user.theme;
  useEffect(() => {
    if (theme) setColorScheme(theme);
  }, [theme, setColorScheme]);
  return null;
}
