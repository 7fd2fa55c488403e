import { sql } from 'kysely';
import { z } from 'zod';
import type { Kernel } from '../../kernel/context';
import type { App } from '../../kernel/http';
import { LATEST_MIGRATION } from '../../db/migrate';

const VERSION = process.env.npm_package_version ?? '0.1.0';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({
    engine: z.string(),
    ok: z.boolean(),
    latencyMs: z.number(),
    migration: z.string().nullable(),
    error: z.string().optional(),
  }),
  jobs: z
    .object({
      queued: z.number(),
      running: z.number(),
      dead: z.number(),
      oldestQueuedAt: z.string().nullable(),
    })
    .nullable(),
  now: z.string(),
});

export function healthRoutes(app: App, k: Kernel): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness and readiness: database, jobs and version',
        response: {
          200: healthSchema,
          503: healthSchema,
        },
      },
    },
    async (_req, reply) => {
      const t0 = performance.now();
      let ok = true;
      let error: string | undefined;
      let migration: string | null = null;
      try {
        const r = await sql<{
          name: string;
        }>`SELECT name FROM accord_migrations ORDER BY name DESC LIMIT 1`.execute(k.db);
        migration = r.rows[0]?.name ?? null;
      } catch (e) {
        ok = false;
        error = (e as Error).message;
      }
      const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
      const jobs = ok ? await k.jobs.stats() : null;
      const healthy = ok && migration === LATEST_MIGRATION;
      return reply.status(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'degraded',
        version: VERSION,
        database: { engine: k.engine, ok, latencyMs, migration, ...(error ? { error } : {}) },
        jobs,
        now: k.clock.now().toISOString(),
      });
    },
  );
}
