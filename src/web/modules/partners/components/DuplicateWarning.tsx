import { Alert, Anchor, Badge, Group, List, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { DuplicateMatch } from '../api';

const REASON: Record<DuplicateMatch['reasons'][number], string> = {
  name: 'same name',
  website_domain: 'same website',
  email_domain: 'same email domain',
};

/**
 * Before save: organisations the one being typed may duplicate, each with a link. A same-name match blocks
 * the save (names are unique); a domain match is only a warning the user may pass.
 */
export function DuplicateWarning({
  items,
  hiddenCount,
  onOpen,
}: {
  items: DuplicateMatch[];
  hiddenCount: number;
  onOpen: () => void;
}) {
  if (items.length === 0 && hiddenCount === 0) return null;
  const sameName = items.some((d) => d.reasons.includes('name'));
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconCopy size={18} />}
      title={items.length + hiddenCount === 1 ? 'A possible duplicate' : 'Possible duplicates'}
      data-testid="duplicate-warning"
    >
      <List size="sm" spacing={4} listStyleType="none">
        {items.map((d) => (
          <List.Item key={d.id}>
            <Group gap={6} wrap="wrap">
              <Anchor component={Link} to={d.link} fw={600} size="sm" onClick={onOpen}>
                {d.name}
              </Anchor>
              {d.reasons.map((r) => (
                <Badge key={r} size="xs" variant="light" color="yellow" tt="none">
                  {REASON[r]}
                </Badge>
              ))}
              {d.archived && (
                <Badge size="xs" variant="light" color="gray">
                  Archived
                </Badge>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
      {hiddenCount > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {hiddenCount === 1
            ? '1 more match is hidden by your visibility settings.'
            : `${hiddenCount} more matches are hidden by your visibility settings.`}
        </Text>
      )}
      <Text size="xs" mt={6}>
        {sameName
          ? 'Company names are unique: open the existing partner, or change the name.'
          : 'If this is a different organisation, you can still save it.'}
      </Text>
    </Alert>
  );
}
