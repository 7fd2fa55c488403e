/** The Overview's shape while its first report loads: seven cards, the goal and pipeline, two lists. */
import { Card, Grid, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { GOAL_SPAN, KPI_COLS, PIPELINE_SPAN, SIDE_BY_SIDE } from './layout';

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
      <SimpleGrid type="container" cols={KPI_COLS} spacing={{ base: 'xs', sm: 'md' }}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} height={92} radius="md" />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={3} spacing={{ base: 'xs', sm: 'md' }}>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={80} radius="md" />
        ))}
      </SimpleGrid>
      <Grid type="container" breakpoints={SIDE_BY_SIDE}>
        <Grid.Col span={GOAL_SPAN}>
          <CardSkeleton h={150} />
        </Grid.Col>
        <Grid.Col span={PIPELINE_SPAN}>
          <CardSkeleton h={150} />
        </Grid.Col>
      </Grid>
      <CardSkeleton h={220} />
      <CardSkeleton h={260} />
    </Stack>
  );
}
