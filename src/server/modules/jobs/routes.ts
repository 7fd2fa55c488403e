/** Progress of long work (imports, syncs, report runs): what the web app's progress bars poll. */
import { idParamsSchema } from '../../../shared/common.schema';
import { jobStatusSchema, type JobStatus } from '../../../shared/exchange.schema';
import { can } from '../../../shared/permissions';
import type { Kernel } from '../../kernel/context';
import { notFound } from '../../kernel/errors';
import { actorOf, type App } from '../../kernel/http';

export function jobsRoutes(app: App, k: Kernel): void {
  app.get(
    '/api/v1/jobs/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['jobs'],
        summary: 'Status, progress and result of a background job you started',
        params: idParamsSchema,
        response: { 200: jobStatusSchema },
      },
    },
    async (req): Promise<JobStatus> => {
      const actor = actorOf(req);
      const job = await k.db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      const payload = job ? (JSON.parse(job.payload) as { userId?: string } | null) : null;
      // Only the person who started a job (or an admin) sees it.
      if (!job || (payload?.userId !== actor.userId && !can(actor.permissions, 'settings.configure')))
        throw notFound('That job');
      return {
        id: job.id,
        name: job.name,
        status: job.status as JobStatus['status'],
        progressDone: job.progress_done,
        progressTotal: job.progress_total,
        progressMessage: job.progress_message,
        result: job.result ? (JSON.parse(job.result) as unknown) : null,
        error: job.status === 'dead' || job.status === 'failed' ? job.last_error : null,
        createdAt: job.created_at,
        finishedAt: job.finished_at,
      };
    },
  );
}
