import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Card,
  Grid,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconDeviceFloppy, IconMail, IconSend, IconTemplate } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { MAX_RECIPIENTS } from '../../../../shared/mailMerge';
import { mailMergeSummarySchema } from '../../../../shared/mailMerge.schema';
import { fieldMessages } from '../../../api/client';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { plural } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useUser } from '../../../app/auth';
import { EventSelect } from '../../events/components/EventSelect';
import { isFinished, jobPercent, useJob } from '../../jobs/hooks';
import { useMailboxes } from '../../mailboxes/hooks';
import { PartnerFilterBar } from '../../partners/components/PartnerFilterBar';
import { filtersToParams, usePartnerFilters } from '../../partners/filters';
import { usePartnerList } from '../../partners/hooks';
import type { MailMergeRequest, MailTemplate } from '../api';
import { MergeFieldMenu } from '../components/MergeFieldMenu';
import { MergePreview } from '../components/MergePreview';
import { RecipientList } from '../components/RecipientList';
import { SendSummary } from '../components/SendSummary';
import { TemplatesDrawer } from '../components/TemplatesDrawer';
import { useMergePreview, useRecipientCheck, useSendMailMerge, useTemplates } from '../hooks';

/** Progress of a send, then its summary. */
function SendProgress({ jobId, onDone }: { jobId: string; onDone: () => void }) {
  const qc = useQueryClient();
  const job = useJob(jobId);
  const parsed = mailMergeSummarySchema.safeParse(job.data?.result);
  const summary = job.data?.status === 'done' && parsed.success ? parsed.data : null;
  useEffect(() => {
    // Sent mails are logged as communications of their partners.
    if (summary)
      for (const key of ['communications', 'partners', 'overview'])
        void qc.invalidateQueries({ queryKey: [key] });
  }, [summary, qc]);
  return (
    <Card radius="lg" p={{ base: 'md', sm: 'lg' }}>
      {job.isError ? (
        <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />
      ) : !isFinished(job.data) ? (
        <Stack gap="sm" py="xl" maw={560} mx="auto" w="100%" data-testid="send-progress">
          <Text fw={600}>Sending…</Text>
          <Progress value={jobPercent(job.data)} size="lg" animated striped aria-label="Sending progress" />
          <Text size="sm" c="dimmed">
            {job.data && job.data.progressTotal > 0
              ? `${job.data.progressDone} of ${plural(job.data.progressTotal, 'mail')} sent`
              : 'Preparing the mails…'}
          </Text>
        </Stack>
      ) : summary ? (
        <SendSummary summary={summary} />
      ) : (
        <ErrorAlert
          title="The send failed"
          error={new Error(job.data?.error ?? 'The send stopped before it finished.')}
        />
      )}
      {isFinished(job.data) && (
        <Group justify="flex-end" mt="md">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onDone}>
            Write another mail
          </Button>
        </Group>
      )}
    </Card>
  );
}

/** Mail merge (reference §3.6): the filtered directory as recipients, a template, a live preview, a send. */
export default function MailMergePage() {
  const [filters, setFilters] = usePartnerFilters();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const list = usePartnerList(filters, MAX_RECIPIENTS);
  const partners = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const check = useRecipientCheck(partners.map((p) => p.id));
  const templates = useTemplates();
  const send = useSendMailMerge();

  // Everyone with a usable email is selected until the user changes the selection, per filter set.
  const filterKey = filtersToParams(filters).toString();
  const [picked, setPicked] = useState<{ key: string; ids: Set<string> } | null>(null);
  const eligible = useMemo(
    () =>
      new Set(
        partners
          .filter((p) => check.data?.get(p.id)?.outcome === 'eligible')
          .slice(0, MAX_RECIPIENTS)
          .map((p) => p.id),
      ),
    [partners, check.data],
  );
  const selected = picked && picked.key === filterKey ? picked.ids : eligible;
  const selectedIds = partners.filter((p) => selected.has(p.id)).map((p) => p.id);

  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [eventId, setEventId] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [campaignName, setCampaignName] = useState('');
  const me = useUser();
  const mailboxes = useMailboxes();
  const ownSenders = (mailboxes.data?.items ?? []).filter((m) => m.ownerId === me.id && m.smtp && m.enabled);
  const [mailboxId, setMailboxId] = useState<string | null>(null);
  const [drawer, setDrawer] = useState<{ key: number; draft: boolean } | null>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<'subject' | 'body'>('body');

  const request: MailMergeRequest = {
    subject,
    body,
    partnerIds: selectedIds,
    eventId,
    templateId,
    campaignName,
    mailboxId,
  };
  const [debounced] = useDebouncedValue(request, 400);
  const ready = Boolean(debounced.subject.trim() && debounced.body.trim() && debounced.partnerIds.length > 0);
  const preview = useMergePreview(debounced, ready && debounced.partnerIds.length <= MAX_RECIPIENTS);
  const previewErrors = fieldMessages(preview.error);

  const applyTemplate = (t: MailTemplate) => {
    setTemplateId(t.id);
    setSubject(t.subject);
    setBody(t.body);
  };
  const insert = (token: string) => {
    const which = lastField.current;
    const el = which === 'subject' ? subjectRef.current : bodyRef.current;
    const value = which === 'subject' ? subject : body;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + token + value.slice(end);
    (which === 'subject' ? setSubject : setBody)(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const count = selectedIds.length;
  const canSend = Boolean(subject.trim() && body.trim() && count >= 1 && count <= MAX_RECIPIENTS);
  const waitingFor =
    !subject.trim() || !body.trim()
      ? 'Write a subject and a message to see the preview.'
      : count === 0
        ? 'Select at least one recipient.'
        : count > MAX_RECIPIENTS
          ? `Select at most ${MAX_RECIPIENTS} recipients.`
          : null;

  const confirmSend = () =>
    modals.openConfirmModal({
      title: `Send ${plural(count, 'email')}?`,
      children: (
        <Text size="sm">
          Each partner gets their own copy through the workspace’s mail server, and each sent mail is logged
          as an outbound communication. This cannot be undone.
        </Text>
      ),
      labels: { confirm: `Send ${plural(count, 'email')}`, cancel: 'Cancel' },
      onConfirm: () =>
        send.mutate(request, {
          onSuccess: ({ jobId: id }) =>
            setParams((prev) => {
              const next = new URLSearchParams(prev);
              next.set('job', id);
              return next;
            }),
        }),
    });

  const header = (
    <PageHeader
      title="Email partners"
      description="Send one personalised mail to each partner you select; every mail is logged on its partner."
      back={{ to: `/partnerships/partners${filterKey ? `?${filterKey}` : ''}`, label: 'Partners' }}
      actions={
        !jobId && (
          <Button
            variant="default"
            leftSection={<IconTemplate size={16} />}
            onClick={() => setDrawer({ key: Date.now(), draft: false })}
          >
            Templates
          </Button>
        )
      }
    />
  );

  if (jobId)
    return (
      <>
        {header}
        <SendProgress
          jobId={jobId}
          onDone={() =>
            setParams((prev) => {
              const next = new URLSearchParams(prev);
              next.delete('job');
              return next;
            })
          }
        />
      </>
    );

  return (
    <>
      {header}
      <Card radius="lg" p="md" mb="md">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb="xs" style={{ letterSpacing: 0.5 }}>
          Recipients: partners matching
        </Text>
        <PartnerFilterBar filters={filters} onChange={setFilters} />
      </Card>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card radius="lg" p="md">
            <Title order={5} mb="xs">
              Recipients
            </Title>
            {list.isError ? (
              <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
            ) : check.isError ? (
              <ErrorAlert error={check.error} onRetry={() => void check.refetch()} />
            ) : !list.isPending && partners.length === 0 ? (
              <Empty title="No partners match" description="Change the filters above to choose recipients." />
            ) : (
              <RecipientList
                partners={partners}
                check={check.data}
                selected={selected}
                onChange={(ids) => setPicked({ key: filterKey, ids })}
                loading={list.isPending}
              />
            )}
            {list.hasNextPage && (
              <Button
                variant="default"
                size="xs"
                mt="sm"
                fullWidth
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                Load more partners
              </Button>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Card radius="lg" p="md">
              <Stack gap="sm">
                <Title order={5}>Message</Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Select
                    label="Template"
                    placeholder={templates.data?.items.length ? 'Start from a template' : 'No templates yet'}
                    data={(templates.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
                    value={templateId}
                    onChange={(id) => {
                      const t = templates.data?.items.find((x) => x.id === id);
                      if (t) applyTemplate(t);
                      else setTemplateId(null);
                    }}
                    clearable
                    searchable
                  />
                  <EventSelect
                    label="Event context"
                    placeholder="No event"
                    clearable
                    value={eventId}
                    onChange={setEventId}
                    error={previewErrors.eventId}
                  />
                </SimpleGrid>
                <TextInput
                  ref={subjectRef}
                  label="Subject"
                  withAsterisk
                  value={subject}
                  onChange={(e) => setSubject(e.currentTarget.value)}
                  onFocus={() => (lastField.current = 'subject')}
                  error={previewErrors.subject}
                  maxLength={240}
                />
                <Textarea
                  ref={bodyRef}
                  label="Message"
                  withAsterisk
                  value={body}
                  onChange={(e) => setBody(e.currentTarget.value)}
                  onFocus={() => (lastField.current = 'body')}
                  error={previewErrors.body}
                  autosize
                  minRows={8}
                  maxRows={20}
                  maxLength={12000}
                  placeholder={'Hi {{recipient_first_name}},\n\n…'}
                />
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <MergeFieldMenu onInsert={insert} />
                  <Text size="xs" c="dimmed">
                    Plain text. Fields like {'{{company_name}}'} are filled in for each partner; the event
                    context fills {'{{event_name}}'} and {'{{event_year}}'}.
                  </Text>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: ownSenders.length ? 2 : 1 }} spacing="sm">
                  <TextInput
                    label="Campaign name"
                    placeholder="Optional, e.g. Summit 2027 outreach"
                    value={campaignName}
                    onChange={(e) => setCampaignName(e.currentTarget.value)}
                    maxLength={120}
                  />
                  {ownSenders.length > 0 && (
                    <Select
                      label="Send from"
                      description={
                        mailboxId
                          ? 'Your mailbox’s server and address; copies land in your Sent folder.'
                          : 'The workspace’s mail server under your name; replies come to you.'
                      }
                      data={[
                        { value: '', label: 'Workspace mail server' },
                        ...ownSenders.map((m) => ({ value: m.id, label: m.email })),
                      ]}
                      value={mailboxId ?? ''}
                      onChange={(v) => setMailboxId(v || null)}
                      error={previewErrors.mailboxId}
                      allowDeselect={false}
                    />
                  )}
                </SimpleGrid>
                {send.isError && <ErrorAlert error={send.error} />}
                <Group justify="flex-end" gap="xs" wrap="wrap">
                  <Button
                    variant="default"
                    leftSection={<IconDeviceFloppy size={16} />}
                    disabled={!subject.trim() || !body.trim()}
                    onClick={() => setDrawer({ key: Date.now(), draft: true })}
                  >
                    Save as template
                  </Button>
                  <Button
                    leftSection={<IconSend size={16} />}
                    disabled={!canSend}
                    loading={send.isPending}
                    onClick={confirmSend}
                  >
                    Send {count > 0 ? plural(count, 'email') : 'emails'}
                  </Button>
                </Group>
              </Stack>
            </Card>
            <Card radius="lg" p="md">
              <Group gap="xs" mb="xs">
                <IconMail size={18} />
                <Title order={5}>Preview</Title>
              </Group>
              {preview.isError && Object.keys(previewErrors).length === 0 ? (
                <ErrorAlert error={preview.error} />
              ) : (
                <MergePreview
                  eventMissing={!eventId && /\{\{\s*event[ _](name|year)\s*\}\}/i.test(subject + body)}
                  preview={preview.data}
                  loading={preview.isFetching || JSON.stringify(request) !== JSON.stringify(debounced)}
                  waitingFor={
                    waitingFor ??
                    (Object.keys(previewErrors).length ? 'Fix the message to see the preview.' : null)
                  }
                />
              )}
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {drawer && (
        <TemplatesDrawer
          key={drawer.key}
          opened
          onClose={() => setDrawer(null)}
          onUse={applyTemplate}
          draft={{ subject, body }}
          startWithDraft={drawer.draft}
        />
      )}
      <Text size="xs" c="dimmed" mt="md">
        Mail goes out through the mail server set in{' '}
        <Link to="/admin/settings" style={{ color: 'inherit' }}>
          Settings
        </Link>
        .
      </Text>
    </>
  );
}
