import { z } from 'zod';
import { settingsSchema, settingsUpdateSchema, testEmailSchema } from '../../../shared/settings.schema';
import { actorOf, type App } from '../../kernel/http';
import type { SettingsService } from './service';

export function settingsRoutes(app: App, svc: SettingsService): void {
  const tags = ['settings'];
  app.get(
    '/api/v1/settings',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Workspace settings (company, currency, fiscal year, time zone, SMTP without its password)',
        response: { 200: settingsSchema },
      },
    },
    async () => svc.get(),
  );

  app.patch(
    '/api/v1/settings',
    {
      config: { access: 'settings.configure' },
      schema: {
        tags,
        summary: 'Change workspace settings',
        body: settingsUpdateSchema,
        response: { 200: settingsSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.body),
  );

  app.post(
    '/api/v1/settings/test-email',
    {
      config: { access: 'settings.configure' },
      schema: {
        tags,
        summary: 'Send a test email through the configured SMTP server',
        body: testEmailSchema,
        response: { 200: z.object({ messageId: z.string() }) },
      },
    },
    async (req) => svc.sendTestEmail(actorOf(req), req.body.to),
  );
}
