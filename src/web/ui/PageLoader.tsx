import { Skeleton, Stack } from '@mantine/core';

/** What a lazily loaded page shows while its code arrives. */
export function PageLoader() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      <Skeleton height={28} width={220} radius="sm" />
      <Skeleton height={14} width={360} maw="100%" radius="sm" />
      <Skeleton height={220} radius="md" mt="sm" />
    </Stack>
  );
}
