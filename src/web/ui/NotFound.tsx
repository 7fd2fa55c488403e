import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFound() {
  return (
    <Center py={80}>
      <Stack align="center" gap="xs" ta="center">
        <Text fz={56} fw={800} c="dimmed" lh={1}>
          404
        </Text>
        <Title order={3}>This page does not exist</Title>
        <Text c="dimmed" size="sm">
          The address may be mistyped, or the page moved.
        </Text>
        <Button component={Link} to="/" mt="sm" variant="light">
          Go to Home
        </Button>
      </Stack>
    </Center>
  );
}
