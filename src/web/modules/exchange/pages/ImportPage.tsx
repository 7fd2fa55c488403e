import { useEffect, useState, type DragEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  Progress,
  Stack,
  Stepper,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconArrowLeft,
  IconChecklist,
  IconFileUpload,
  IconPlayerPlay,
  IconRefresh,
  IconUpload,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { importReportSchema } from '../../../../shared/exchange.schema';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { plural } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { isFinished, jobPercent, useJob } from '../../jobs/hooks';
import { exchangeApi, type ImportMapping, type ImportPreview } from '../api';
import { ImportReportView } from '../components/ImportReportView';
import { MappingEditor, mappingProblems, SampleRows } from '../components/MappingEditor';
import { useImportPreview, useStartImport } from '../hooks';

const STEPS = [
  { label: 'Upload', description: 'CSV or XLSX' },
  { label: 'Map columns', description: 'and check the rows' },
  { label: 'Check or import', description: 'in the background' },
  { label: 'Report', description: 'counts and row errors' },
];

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function UploadStep({
  onFile,
  uploading,
  percent,
}: {
  onFile: (f: File) => void;
  uploading: boolean;
  percent: number;
}) {
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <Stack
      align="center"
      gap="sm"
      py={48}
      px="md"
      ta="center"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      style={{
        border: `2px dashed var(--mantine-color-${over ? 'indigo-5' : 'default-border'})`,
        borderRadius: 12,
        background: over ? 'var(--mantine-color-indigo-light)' : undefined,
      }}
      data-testid="import-dropzone"
    >
      <ThemeIcon size={56} radius="xl" variant="light">
        <IconFileUpload size={28} />
      </ThemeIcon>
      <Title order={4}>Drop a CSV or Excel file here</Title>
      <Text size="sm" c="dimmed" maw={520}>
        One row per partner and event involvement, with a header row. The columns of an export work as they
        are; other headers can be matched in the next step. Only Company is required.
      </Text>
      {uploading ? (
        <Stack gap={4} w={260}>
          <Progress value={percent} animated striped aria-label="Upload progress" />
          <Text size="xs" c="dimmed">
            Uploading… {percent}%
          </Text>
        </Stack>
      ) : (
        <FileButton onChange={(f) => f && onFile(f)} accept={ACCEPT}>
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />}>
              Choose a file
            </Button>
          )}
        </FileButton>
      )}
      <Text size="xs" c="dimmed">
        Need a template?{' '}
        <Anchor href={exchangeApi.exportUrl('csv', { includeArchived: 'true' })} download size="xs">
          Export the current partners as CSV
        </Anchor>
      </Text>
    </Stack>
  );
}

/** Import partners and involvements: upload → map columns → check or import (a job) → report. */
export default function ImportPage() {
  const qc = useQueryClient();
  const compact = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [percent, setPercent] = useState(0);
  const upload = useImportPreview();
  const start = useStartImport();
  const job = useJob(jobId);

  const parsed = importReportSchema.safeParse(job.data?.result);
  const report = job.data?.status === 'done' && parsed.success ? parsed.data : null;
  const finished = isFinished(job.data);
  useEffect(() => {
    // A real import changed partners, events and links everywhere.
    if (report && !report.dryRun)
      for (const key of ['partners', 'events', 'links', 'overview'])
        void qc.invalidateQueries({ queryKey: [key] });
  }, [report, qc]);

  const chooseFile = (file: File) => {
    setPercent(0);
    upload.mutate(
      { file, onProgress: setPercent },
      {
        onSuccess: (p) => {
          setPreview(p);
          setMapping(p.mapping);
        },
      },
    );
  };
  const run = (dryRun: boolean) => {
    if (!preview) return;
    start.mutate(
      { uploadId: preview.uploadId, mapping, dryRun },
      { onSuccess: ({ jobId: id }) => setParams({ job: id }) },
    );
  };
  const startOver = () => {
    setPreview(null);
    setMapping({});
    upload.reset();
    start.reset();
    setParams({});
  };
  const backToMapping = () => {
    start.reset();
    setParams({});
  };

  const problems = mappingProblems(mapping);
  const blocked = Object.keys(problems).length > 0;
  const step = jobId ? (finished ? 3 : 2) : preview ? 1 : 0;

  return (
    <>
      <PageHeader
        title="Import partners"
        description="Add or update partners, events and involvements from a CSV or Excel file. Re-importing a file changes nothing that is already the same."
        back={{ to: '/partnerships/partners', label: 'Partners' }}
      />
      <Stepper
        active={step === 3 && report ? 4 : step}
        size="sm"
        mb="lg"
        allowNextStepsSelect={false}
        iconSize={compact ? 28 : 34}
      >
        {STEPS.map((st, i) => (
          <Stepper.Step
            key={st.label}
            label={compact && i !== step ? undefined : st.label}
            description={compact ? undefined : st.description}
          />
        ))}
      </Stepper>

      <Card radius="lg" p={{ base: 'md', sm: 'lg' }}>
        {step === 0 && (
          <Stack gap="md">
            {upload.isError && <ErrorAlert error={upload.error} title="The file could not be read" />}
            <UploadStep onFile={chooseFile} uploading={upload.isPending} percent={percent} />
          </Stack>
        )}

        {step === 1 && preview && (
          <Stack gap="md">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <div>
                <Text fw={600}>{preview.fileName}</Text>
                <Text size="sm" c="dimmed">
                  {plural(preview.rowCount, 'row')} · {plural(preview.headers.length, 'column')}. Check what
                  each column feeds; unmatched columns are left out.
                </Text>
              </div>
              <Button variant="subtle" leftSection={<IconRefresh size={16} />} onClick={startOver}>
                Choose another file
              </Button>
            </Group>
            <MappingEditor preview={preview} mapping={mapping} onChange={setMapping} />
            {problems[''] && (
              <Alert color="red" variant="light">
                {problems['']}
              </Alert>
            )}
            <Title order={5} mt="xs">
              First rows, as they will be read
            </Title>
            <SampleRows preview={preview} mapping={mapping} />
            {start.isError && <ErrorAlert error={start.error} />}
            <Group justify="flex-end" gap="xs" wrap="wrap">
              <Button
                variant="default"
                leftSection={<IconChecklist size={16} />}
                onClick={() => run(true)}
                disabled={blocked}
                loading={start.isPending && start.variables?.dryRun}
              >
                Check (dry run)
              </Button>
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                onClick={() => run(false)}
                disabled={blocked}
                loading={start.isPending && !start.variables?.dryRun}
              >
                Import {plural(preview.rowCount, 'row')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 2 && (
          <Stack gap="sm" py="xl" maw={560} mx="auto" w="100%" data-testid="import-progress">
            <Text fw={600}>{job.data?.progressMessage ?? 'Waiting to start'}…</Text>
            <Progress value={jobPercent(job.data)} size="lg" animated striped aria-label="Import progress" />
            <Text size="sm" c="dimmed">
              {job.data && job.data.progressTotal > 0
                ? `${job.data.progressDone.toLocaleString()} of ${plural(job.data.progressTotal, 'row')}`
                : 'The import runs in the background; you can leave this page and come back.'}
            </Text>
            {job.isError && <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />}
          </Stack>
        )}

        {step === 3 && (
          <Stack gap="md">
            {job.data?.status !== 'done' ? (
              <ErrorAlert
                error={
                  new Error(job.data?.error ?? 'The import stopped before it finished. Nothing was written.')
                }
                title="The import failed"
              />
            ) : report ? (
              <ImportReportView report={report} fileName={preview?.fileName ?? 'import'} />
            ) : (
              <ErrorAlert error={new Error('The job finished without a report.')} />
            )}
            {start.isError && <ErrorAlert error={start.error} />}
            <Group justify="flex-end" gap="xs" wrap="wrap">
              {preview && (
                <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={backToMapping}>
                  Change the mapping
                </Button>
              )}
              <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={startOver}>
                Import another file
              </Button>
              {report?.dryRun && preview ? (
                <Button
                  leftSection={<IconPlayerPlay size={16} />}
                  onClick={() => run(false)}
                  loading={start.isPending}
                  disabled={blocked}
                >
                  Import now
                </Button>
              ) : (
                report && (
                  <Button component={Link} to="/partnerships/partners">
                    View partners
                  </Button>
                )
              )}
            </Group>
          </Stack>
        )}
      </Card>
    </>
  );
}
