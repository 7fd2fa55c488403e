import { lazy, Suspense } from 'react';
import { Skeleton, Stack } from '@mantine/core';
import type { Partner } from '../api';

// The chart library is large: it loads when the tab opens, not with the app.
const ForecastPanel = lazy(() =>
  import('../../forecasts/components/ForecastPanel').then((m) => ({ default: m.ForecastPanel })),
);

export function ForecastsTab({ partner }: { partner: Partner }) {
  return (
    <Suspense
      fallback={
        <Stack aria-busy="true">
          <Skeleton height={30} width={260} />
          <Skeleton height={76} radius="md" />
          <Skeleton height={280} radius="md" />
        </Stack>
      }
    >
      <ForecastPanel partnerId={partner.id} />
    </Suspense>
  );
}
