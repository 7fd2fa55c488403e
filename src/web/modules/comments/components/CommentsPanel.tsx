import { useMemo, useState, type KeyboardEvent } from 'react';
import { ActionIcon, Avatar, Button, Group, Kbd, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconMessageCircle, IconPencil, IconTrash } from '@tabler/icons-react';
import { errorMessage, fieldMessages } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatRelative, initials } from '../../../ui/format';
import type { Comment, CommentEntity } from '../api';
import { useCommentMutations, useComments, useMentionable } from '../hooks';
import { mentionedIds, splitMentions, type Person } from '../mentions';
import { MentionTextarea } from './MentionTextarea';

function Body({ comment }: { comment: Comment }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {splitMentions(comment.body, comment.mentions).map((s, i) =>
        s.mention ? (
          <Text key={i} span fw={600} c="indigo" data-testid="comment-mention">
            {s.text}
          </Text>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </Text>
  );
}

/** The text box and its @mention bookkeeping, for a new comment or an edit. */
function Composer({
  people,
  initial,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
  autoFocus,
  error,
}: {
  people: Person[];
  initial?: Comment;
  submitLabel: string;
  pending: boolean;
  /** The server's word on the text or the people mentioned ("Morgan cannot see this partner"). */
  error?: string;
  onSubmit(body: string, mentions: string[], reset: () => void): void;
  onCancel?(): void;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState(initial?.body ?? '');
  const [picked, setPicked] = useState<Person[]>(initial?.mentions ?? []);
  const reset = () => {
    setText('');
    setPicked([]);
  };
  const send = () => {
    if (text.trim()) onSubmit(text.trim(), mentionedIds(text, picked), reset);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    }
  };
  return (
    <Stack gap="xs">
      <MentionTextarea
        aria-label={initial ? 'Edit comment' : 'Comment'}
        placeholder="Write a comment… Type @ to mention someone; they are notified."
        autosize
        minRows={2}
        maxRows={10}
        maxLength={5000}
        value={text}
        onChange={setText}
        people={people}
        onMention={(p) => setPicked((prev) => [...prev, p])}
        onKeyDown={onKeyDown}
        autoFocus={autoFocus}
        error={error}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" visibleFrom="sm">
          <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> posts
        </Text>
        <Group gap="xs" ml="auto">
          {onCancel && (
            <Button variant="default" size="xs" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button size="xs" onClick={send} loading={pending} disabled={!text.trim()}>
            {submitLabel}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

/** A message for the text box: what the server said about the body or the mentions, if that was it. */
function fieldError(err: unknown): string | undefined {
  const f = fieldMessages(err);
  return f.mentions ?? f.body;
}

/** Discussion on one record, oldest first, with @mentions that notify the people mentioned. */
export function CommentsPanel({ entity, entityId }: { entity: CommentEntity; entityId: string }) {
  const me = useUser();
  const comments = useComments(entity, entityId);
  const { create, update, remove } = useCommentMutations(entity, entityId);
  const mentionable = useMentionable(entity, entityId);
  const people = useMemo(
    () => (mentionable.data?.items ?? []).filter((p) => p.id !== me.id),
    [mentionable.data, me.id],
  );
  const [editing, setEditing] = useState<string | null>(null);

  const post = (body: string, mentions: string[], reset: () => void) =>
    create.mutate(
      { body, mentions },
      {
        onSuccess: (c) => {
          reset();
          if (c.mentions.length)
            notifications.show({
              color: 'teal',
              message: `Posted; ${c.mentions.map((m) => m.name).join(', ')} ${c.mentions.length === 1 ? 'is' : 'are'} notified.`,
            });
        },
        onError: (e) => {
          if (!fieldError(e))
            notifications.show({ color: 'red', title: 'Not posted', message: errorMessage(e) });
        },
      },
    );
  const confirmDelete = (c: Comment) =>
    modals.openConfirmModal({
      title: 'Delete this comment?',
      children: <Text size="sm">It disappears for everyone. This cannot be undone.</Text>,
      labels: { confirm: 'Delete comment', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(c, {
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  if (comments.isError) return <ErrorAlert error={comments.error} onRetry={() => void comments.refetch()} />;
  const items = comments.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md" maw={820}>
      {comments.isPending ? (
        <Stack gap="sm">
          {[0, 1].map((i) => (
            <Skeleton key={i} height={72} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Empty
          icon={<IconMessageCircle size={22} />}
          title="No comments yet"
          description="Start the discussion below. Mention a colleague with @ and they get a notification."
        />
      ) : (
        <Stack gap="sm" data-testid="comments">
          {items.map((c) => (
            <Paper key={c.id} withBorder radius="md" p="sm" id={`comment-${c.id}`} data-testid="comment">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Avatar radius="xl" color="indigo" size={32}>
                  {initials(c.authorName ?? '?')}
                </Avatar>
                <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Group gap={6} wrap="wrap">
                      <Text size="sm" fw={600}>
                        {c.authorName ?? 'A former user'}
                      </Text>
                      <Tooltip label={formatDateTime(c.createdAt)}>
                        <Text size="xs" c="dimmed">
                          {formatRelative(c.createdAt)}
                          {c.edited ? ' · edited' : ''}
                        </Text>
                      </Tooltip>
                    </Group>
                    {c.authorId === me.id && editing !== c.id && (
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label="Edit">
                          <ActionIcon aria-label="Edit comment" size="sm" onClick={() => setEditing(c.id)}>
                            <IconPencil size={14} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete">
                          <ActionIcon
                            aria-label="Delete comment"
                            size="sm"
                            color="red"
                            onClick={() => confirmDelete(c)}
                          >
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Group>
                  {editing === c.id ? (
                    <Composer
                      people={people}
                      initial={c}
                      submitLabel="Save"
                      pending={update.isPending}
                      autoFocus
                      onCancel={() => setEditing(null)}
                      onSubmit={(body, mentions) =>
                        update.mutate(
                          { comment: c, body, mentions },
                          {
                            onSuccess: () => setEditing(null),
                            onError: (e) =>
                              notifications.show({
                                color: 'red',
                                title: 'Not saved',
                                message: errorMessage(e),
                              }),
                          },
                        )
                      }
                    />
                  ) : (
                    <Body comment={c} />
                  )}
                </Stack>
              </Group>
            </Paper>
          ))}
          {comments.hasNextPage && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => void comments.fetchNextPage()}
              loading={comments.isFetchingNextPage}
            >
              Show more comments
            </Button>
          )}
        </Stack>
      )}
      <Composer
        people={people}
        submitLabel="Post comment"
        pending={create.isPending}
        onSubmit={post}
        error={fieldError(create.error)}
      />
    </Stack>
  );
}
