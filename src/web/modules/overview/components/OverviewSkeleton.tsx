/** The Overview's shape while its first report loads: seven cards, the goal and pipeline, two lists. */
import { Card, Grid, SimpleGrid, Skeleton, Stack } from '@mantine/core';

function CardSkeleton({ h }: { h: number }) {
  return (
    <Card radius="lg" p="md" h="100%">
      <Skeleton height={14} width="40%" radius="sm" />
      <Skeleton height={h} mt="md" radius="md" />
    </Card>
  );
}

export function OverviewSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading the overview" data-testid="overview-loading">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} height={92} radius="md" />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={3} spacing={{ base: 'xs', sm: 'md' }}>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={80} radius="md" />
        ))}
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <CardSkeleton h={150} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <CardSkeleton h={150} />
        </Grid.Col>
      </Grid>
      <CardSkeleton h={220} />
      <CardSkeleton h={260} />
    </Stack>
  );
}
