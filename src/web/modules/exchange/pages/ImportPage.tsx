import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconChecklist, IconCheck, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { can, describePermission } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { plural } from '../../../ui/format';
import { NotAllowed } from '../../../ui/NotAllowed';
import { PageHeader } from '../../../ui/PageHeader';
import { isFinished, jobPercent, useJob } from '../../jobs/hooks';
import type { ImportMapping, ImportPreview } from '../api';
import { DuplicateChoice } from '../components/DuplicateChoice';
import { ImportReportView } from '../components/ImportReportView';
import { MappingEditor, SampleRows } from '../components/MappingEditor';
import { UploadStep } from '../components/UploadStep';
import { useImportPreview, useStartImport } from '../hooks';
import {
  importKindOf,
  mappingProblems,
  type DuplicateChoice as DuplicateChoiceValue,
  type ImportKindDef,
} from '../importKinds';
import { summarizeReport } from '../report';
import { usePhone } from '../../../ui/usePhone';

const STEPS = [
  { label: 'Upload', description: 'CSV or XLSX' },
  { label: 'Map columns', description: 'and check the rows' },
  { label: 'Check or import', description: 'in the background' },
  { label: 'Report', description: 'counts and row errors' },
];

/**
 * Import from a CSV or XLSX file: upload → map columns → check or import (a job) → report. `?kind=` says
 * what the file holds: partnerships (partners × involvements, the default), partners, consultants or leads.
 */
export default function ImportPage() {
  const user = useUser();
  const [params] = useSearchParams();
  const kind = importKindOf(params.get('kind'));
  if (!can(user.permissions, kind.permission))
    return (
      <>
        <PageHeader title={kind.title} back={{ to: kind.list.to, label: kind.list.label }} />
        <NotAllowed
          what={`import ${kind.noun[1]} (it needs: ${describePermission(kind.permission)})`}
          roleName={user.roleName}
        />
      </>
    );
  // A new kind starts a new wizard.
  return <ImportWizard key={kind.key} kind={kind} />;
}

function ImportWizard({ kind }: { kind: ImportKindDef }) {
  const qc = useQueryClient();
  const compact = usePhone();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [duplicates, setDuplicates] = useState<DuplicateChoiceValue>('skip');
  const [percent, setPercent] = useState(0);
  const upload = useImportPreview(kind);
  const start = useStartImport(kind);
  const job = useJob(jobId);

  const report = job.data?.status === 'done' ? summarizeReport(kind, job.data.result) : null;
  const finished = isFinished(job.data);
  const wroteData = !!report && !report.dryRun;
  useEffect(() => {
    // A real import changed the lists it fills (and what hangs off them) everywhere.
    if (wroteData) for (const key of kind.refresh) void qc.invalidateQueries({ queryKey: [key] });
  }, [wroteData, kind, qc]);

  // The address keeps the kind, so a reload (or Back) lands on the same import.
  const goTo = (job: string | null) =>
    setParams(() => {
      const next = new URLSearchParams();
      if (kind.key !== 'partnerships') next.set('kind', kind.key);
      if (job) next.set('job', job);
      return next;
    });

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
      { uploadId: preview.uploadId, mapping, dryRun, ...(kind.duplicates ? { duplicates } : {}) },
      { onSuccess: ({ jobId: id }) => goTo(id) },
    );
  };
  const startOver = () => {
    setPreview(null);
    setMapping({});
    upload.reset();
    start.reset();
    goTo(null);
  };
  const backToMapping = () => {
    start.reset();
    goTo(null);
  };

  const problems = mappingProblems(kind, mapping);
  const blocked = Object.keys(problems).length > 0;
  const step = jobId ? (finished ? 3 : 2) : preview ? 1 : 0;

  return (
    <>
      <PageHeader
        title={kind.title}
        description={kind.description}
        back={{ to: kind.list.to, label: kind.list.label }}
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
            <UploadStep kind={kind} onFile={chooseFile} uploading={upload.isPending} percent={percent} />
          </Stack>
        )}

        {step === 1 && preview && (
          <Stack gap="md">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} truncate="end">
                  {preview.fileName}
                </Text>
                <Text size="sm" c="dimmed">
                  {plural(preview.rowCount, 'row')} · {plural(preview.headers.length, 'column')}. Check what
                  each column feeds; unmatched columns are left out.
                </Text>
              </div>
              <Button variant="subtle" leftSection={<IconRefresh size={16} />} onClick={startOver}>
                Choose another file
              </Button>
            </Group>
            <MappingEditor kind={kind} preview={preview} mapping={mapping} onChange={setMapping} />
            {problems[''] && (
              <Alert color="red" variant="light">
                {problems['']}
              </Alert>
            )}
            <Title order={5} mt="xs">
              First rows, as they will be read
            </Title>
            <SampleRows kind={kind} preview={preview} mapping={mapping} />
            <DuplicateChoice kind={kind} value={duplicates} onChange={setDuplicates} />
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
              <ImportReportView kind={kind} report={report} fileName={preview?.fileName ?? 'import'} />
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
                  <Button component={Link} to={kind.list.to} leftSection={<IconCheck size={16} />}>
                    Done
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
