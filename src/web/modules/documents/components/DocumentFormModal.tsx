import { useState } from 'react';
import {
  Autocomplete,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import {
  DOCUMENT_STATUS_SUGGESTIONS,
  DOCUMENT_TYPE_SUGGESTIONS,
  MAX_UPLOAD_BYTES,
  UPLOAD_TYPES,
} from '../../../../shared/documents.schema';
import { docLabel } from '../labels';
import { ApiError, errorMessage } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { formatBytes } from '../../../ui/format';
import { EventSelect } from '../../events/components/EventSelect';
import type { DocumentInput, DocumentRecord } from '../api';
import { useSaveDocument, useUploadDocumentFile } from '../hooks';

const FIELDS = ['title', 'type', 'status', 'url', 'notes', 'eventId', 'file'] as const;
const ACCEPT = Object.keys(UPLOAD_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');
const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

interface Values extends DocumentInput {
  file: File | null;
}

function valuesOf(d: DocumentRecord | null): Values {
  return {
    title: d?.title ?? '',
    type: d ? docLabel(d.type) : 'General',
    status: d ? docLabel(d.status) : 'Draft',
    url: d?.url ?? '',
    notes: d?.notes ?? '',
    eventId: d?.eventId ?? null,
    file: null,
  };
}

const suggestions = (keys: readonly string[]) => keys.map(docLabel);

/**
 * Add or edit a document reference, optionally with a file. The reference is saved first, then the file goes
 * up with a progress bar; when the upload fails, the saved reference stays and the upload can be retried.
 */
export function DocumentFormModal({
  partnerId,
  document: initial,
  opened,
  onClose,
  onSaved,
}: {
  partnerId: string;
  document: DocumentRecord | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (d: DocumentRecord) => void;
}) {
  // After a first save the modal edits that record (a failed upload is retried against it).
  const [doc, setDoc] = useState<DocumentRecord | null>(initial);
  const [base] = useState<Values>(() => valuesOf(initial));
  const [progress, setProgress] = useState<number | null>(null);
  const save = useSaveDocument();
  const uploadFile = useUploadDocumentFile();
  const form = useForm<Values>({
    initialValues: base,
    validate: {
      title: (v) => (v.trim() ? null : 'Enter a title'),
      url: (v) =>
        !v.trim() || /^https?:\/\/\S+$/i.test(v.trim()) ? null : 'Start the address with https://',
      file: (f) =>
        f && f.size > MAX_UPLOAD_BYTES ? `The file is ${formatBytes(f.size)}; at most ${MAX_MB} MB` : null,
    },
  });

  const send = async (file: File, target: DocumentRecord) => {
    setProgress(0);
    try {
      await uploadFile.mutateAsync({ id: target.id, file, onProgress: setProgress });
      return true;
    } catch (e) {
      form.setFieldError('file', errorMessage(e));
      return false;
    } finally {
      setProgress(null);
    }
  };

  const submit = async (v: Values) => {
    const input: DocumentInput = {
      title: v.title.trim(),
      type: v.type.trim(),
      status: v.status.trim(),
      url: v.url.trim(),
      notes: v.notes.trim(),
      eventId: v.eventId,
    };
    let saved = doc;
    const changed = doc
      ? (Object.fromEntries(
          Object.entries(input).filter(([k, val]) => val !== valuesOf(doc)[k as keyof DocumentInput]),
        ) as Partial<DocumentInput>)
      : input;
    if (!doc || Object.keys(changed).length > 0) {
      try {
        saved = await save.mutateAsync({
          id: doc?.id,
          version: doc?.version,
          organizationId: partnerId,
          input: changed,
        });
        setDoc(saved);
      } catch (e) {
        applyServerErrors(form, e, FIELDS);
        return;
      }
    }
    if (v.file && saved && !(await send(v.file, saved))) return;
    notifications.show({ color: 'teal', message: `${saved!.title} is saved.` });
    onSaved?.(saved!);
    onClose();
  };

  const conflict = save.error instanceof ApiError && save.error.isConflict;
  const showAlert = save.isError && (conflict || Object.keys(form.errors).length === 0);
  const busy = save.isPending || progress !== null;

  return (
    <Modal
      opened={opened}
      onClose={busy ? () => undefined : onClose}
      title={initial ? `Edit ${initial.title}` : 'Add a document'}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="md">
          {showAlert && <ErrorAlert error={save.error} />}
          <TextInput label="Title" withAsterisk data-autofocus {...form.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Autocomplete
              label="Type"
              data={suggestions(DOCUMENT_TYPE_SUGGESTIONS)}
              {...form.getInputProps('type')}
            />
            <Autocomplete
              label="Status"
              data={suggestions(DOCUMENT_STATUS_SUGGESTIONS)}
              {...form.getInputProps('status')}
            />
          </SimpleGrid>
          <TextInput label="Link" placeholder="https://drive.example/…" {...form.getInputProps('url')} />
          <EventSelect
            label="Event"
            placeholder="No event"
            clearable
            value={form.values.eventId}
            onChange={(id) => form.setFieldValue('eventId', id)}
            error={form.errors.eventId}
          />
          <FileInput
            label={doc?.hasFile ? 'Replace the file' : 'File'}
            description={
              doc?.hasFile
                ? `Now: ${doc.fileName} (${formatBytes(doc.fileSize ?? 0)}). Choose a file to replace it.`
                : `PDF, images, office files, CSV or text; at most ${MAX_MB} MB.`
            }
            placeholder="Choose a file"
            leftSection={<IconPaperclip size={16} />}
            accept={ACCEPT}
            clearable
            {...form.getInputProps('file')}
          />
          {progress !== null && (
            <Stack gap={4} data-testid="upload-progress">
              <Progress value={progress} animated striped aria-label="Upload progress" />
              <Text size="xs" c="dimmed">
                Uploading… {progress}%
              </Text>
            </Stack>
          )}
          <Textarea label="Notes" autosize minRows={2} maxRows={5} {...form.getInputProps('notes')} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {doc && !initial ? 'Close' : 'Cancel'}
            </Button>
            <Button type="submit" loading={busy} disabled={conflict}>
              {doc && !initial && form.values.file
                ? 'Retry upload'
                : initial
                  ? 'Save changes'
                  : 'Add document'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
