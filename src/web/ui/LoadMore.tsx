/** The "Load more" button under a list read page by page (a TanStack infinite query); nothing at the end. */
import { Button } from '@mantine/core';

interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
}

export function LoadMore({ query, label = 'Load more' }: { query: Pages; label?: string }) {
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="subtle"
      size="xs"
      w="fit-content"
      onClick={() => void query.fetchNextPage()}
      loading={query.isFetchingNextPage}
    >
      {label}
    </Button>
  );
}
