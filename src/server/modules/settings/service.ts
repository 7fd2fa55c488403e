/** Workspace settings: one JSON document under the key "workspace", versioned for concurrent edits. */
import type { z } from 'zod';
import type { Settings, settingsUpdateSchema } from '../../../shared/settings.schema';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { versionConflict } from '../../kernel/errors';
import type { SmtpConfig } from '../../kernel/mail';
import type { SecretBox } from '../../kernel/secrets';
import { mutate } from '../../kernel/mutation';

export interface WorkspaceSettings {
  companyName: string;
  baseCurrency: string;
  fiscalYearStartMonth: number;
  timeZone: string;
  smtp: SmtpConfig | null;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  companyName: 'Accord',
  baseCurrency: 'CAD',
  fiscalYearStartMonth: 1,
  timeZone: 'UTC',
  smtp: null,
};

const KEY = 'workspace';

/** Reads the settings; the SMTP password is stored sealed and comes back opened. */
export async function readSettings(
  db: Executor,
  secrets: SecretBox,
): Promise<{ value: WorkspaceSettings; version: number }> {
  const row = await db.selectFrom('settings').selectAll().where('key', '=', KEY).executeTakeFirst();
  if (!row) return { value: DEFAULT_SETTINGS, version: 0 };
  const value = { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<WorkspaceSettings>) };
  if (value.smtp?.password) value.smtp = { ...value.smtp, password: secrets.open(value.smtp.password) };
  return { value, version: row.version };
}

function sealed(v: WorkspaceSettings, secrets: SecretBox): WorkspaceSettings {
  return v.smtp?.password ? { ...v, smtp: { ...v.smtp, password: secrets.seal(v.smtp.password) } } : v;
}

function present(value: WorkspaceSettings, version: number): Settings {
  const { smtp } = value;
  return {
    companyName: value.companyName,
    baseCurrency: value.baseCurrency,
    fiscalYearStartMonth: value.fiscalYearStartMonth,
    timeZone: value.timeZone,
    smtp: smtp
      ? {
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          user: smtp.user,
          hasPassword: smtp.password !== '',
          fromAddress: smtp.fromAddress,
          fromName: smtp.fromName,
        }
      : null,
    version: Math.max(1, version),
  };
}

/** What the audit log shows: never the SMTP password itself. */
function auditable(v: WorkspaceSettings) {
  return { ...v, smtp: v.smtp ? { ...v.smtp, password: v.smtp.password ? '(set)' : '' } : null };
}

export class SettingsService {
  constructor(private readonly k: Kernel) {}

  async get(): Promise<Settings> {
    const { value, version } = await readSettings(this.k.db, this.k.secrets);
    return present(value, version);
  }

  async smtp(): Promise<SmtpConfig | null> {
    return (await readSettings(this.k.db, this.k.secrets)).value.smtp;
  }

  async update(actor: Actor, input: z.infer<typeof settingsUpdateSchema>): Promise<Settings> {
    return mutate(this.k, actor, async (m) => {
      const { value: before, version } = await readSettings(m.tx, this.k.secrets);
      if (Math.max(1, version) !== input.version) {
        const row = await m.tx
          .selectFrom('settings')
          .select('updated_at')
          .where('key', '=', KEY)
          .executeTakeFirst();
        throw versionConflict('settings', null, row?.updated_at ?? m.at);
      }
      const { version: _v, smtp, ...rest } = input;
      const after: WorkspaceSettings = {
        ...before,
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      };
      if (smtp === null) after.smtp = null;
      else if (smtp) after.smtp = { ...smtp, password: smtp.password ?? before.smtp?.password ?? '' };
      const value = JSON.stringify(sealed(after, this.k.secrets));
      if (version === 0)
        await m.tx.insertInto('settings').values({ key: KEY, value, updated_at: m.at, version: 2 }).execute();
      else
        await m.tx
          .updateTable('settings')
          .set({ value, updated_at: m.at, version: version + 1 })
          .where('key', '=', KEY)
          .execute();
      m.audit({
        entity: 'settings',
        entityId: KEY,
        action: 'update',
        before: auditable(before),
        after: auditable(after),
      });
      m.emit({ type: 'settings.updated', entity: 'settings', entityId: KEY });
      return present(after, version === 0 ? 2 : version + 1);
    });
  }

  async sendTestEmail(actor: Actor, to: string): Promise<{ messageId: string }> {
    const { companyName } = (await readSettings(this.k.db, this.k.secrets)).value;
    return this.k.mail.send({
      to,
      subject: `Accord test email from ${companyName}`,
      text: `This is a test email sent by ${actor.name} from Accord's settings page.\nIf you can read it, outgoing mail works.\n`,
    });
  }
}
