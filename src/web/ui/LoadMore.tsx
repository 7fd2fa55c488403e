/** The "Load more" button under a list read page by page (a TanStack infinite query); nothing at the end. */
import { Button, Group, Text } from '@mantine/core';
import { plural } from './format';

interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
}

export function LoadMore({
  query,
  label = 'Load more',
  variant = 'subtle',
  size = 'xs',
}: {
  query: Pages;
  label?: string;
  /** Subtle and small under a tab's rows; `default` at the foot of a list card. */
  variant?: 'subtle' | 'default';
  size?: 'xs' | 'sm';
}) {
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant={variant}
      size={size}
      w="fit-content"
      onClick={() => void query.fetchNextPage()}
      loading={query.isFetchingNextPage}
    >
      {label}
    </Button>
  );
}

/**
 * The footer of a list card: how many rows are shown ("Showing 50 partners" / ", all loaded") and, while
 * there is more, a Load more button.
 */
export function ListFooter({
  query,
  shown,
  noun,
  nouns,
  allLoaded = ', all loaded',
  testId,
}: {
  query: Pages;
  shown: number;
  noun: string;
  /** The plural when it is not `noun` + s. */
  nouns?: string;
  /** Said after the count once every page is in. */
  allLoaded?: string;
  testId?: string;
}) {
  return (
    <Group
      justify="space-between"
      p="md"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Text size="sm" c="dimmed" data-testid={testId}>
        Showing {plural(shown, noun, nouns)}
        {query.hasNextPage ? '' : allLoaded}
      </Text>
      <LoadMore query={query} variant="default" size="sm" />
    </Group>
  );
}
