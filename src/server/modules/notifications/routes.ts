import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import { notificationListSchema } from '../../../shared/notifications.schema';
import { actorOf, type App } from '../../kernel/http';
import type { NotificationsService } from './service';

export function notificationsRoutes(app: App, svc: NotificationsService): void {
  const tags = ['notifications'];
  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(60).optional(),
          unread: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: notificationListSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query.limit, req.query.cursor, req.query.unread === 'true'),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.markRead(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (req) => ({ updated: await svc.markAllRead(actorOf(req)) }),
  );
}
